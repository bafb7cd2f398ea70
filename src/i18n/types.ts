export type Lang = 'en' | 'zh-CN';

export interface CatalogueText {
  title: string;
  cause: string;
  remedy: string;
}

export interface CatalogueEntry {
  /** RHA-E#### for errors, RHA-W#### for warnings, RHA-I#### for logged state changes. */
  code: string;
  en: CatalogueText;
  zh: CatalogueText;
}
