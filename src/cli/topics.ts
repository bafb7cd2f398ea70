// Help topics (`roseha help TOPIC`); the man page prints the same text, so both stay in step.
import { exitCodeHelp } from '../exit-codes.js';

export interface HelpTopic {
  name: string;
  summary: string;
  /** Lines of text, each a paragraph or a row. */
  body(): string[];
}

export const configLocations = [
  { where: '--config FILE', meaning: 'the file given on the command line' },
  { where: 'ROSEHA_CONFIG', meaning: 'the environment variable, when --config is not given' },
  { where: '/etc/roseha/roseha.toml', meaning: 'the default on Linux' },
  { where: '%ProgramData%\\roseha\\roseha.toml', meaning: 'the default on Windows' },
] as const;

export const environmentVariables = [
  { name: 'ROSEHA_CONFIG', meaning: 'config file when --config is not given' },
  { name: 'ROSEHA_TOKEN', meaning: 'API token for --host when --token is not given' },
  { name: 'NO_COLOR', meaning: 'set: no colour even on a terminal' },
  { name: 'LANG, LC_ALL, LC_MESSAGES', meaning: 'language of messages when neither --lang nor cluster.language is set' },
  { name: 'ROSEHA_DEBUG', meaning: 'set: print the stack trace of an internal error' },
] as const;

export const helpTopics: readonly HelpTopic[] = [
  {
    name: 'exit-codes',
    summary: 'What each exit code means',
    body: () => exitCodeHelp.map((e) => `${String(e.code).padEnd(3)} ${e.name.padEnd(12)} ${e.meaning}`),
  },
  {
    name: 'config-locations',
    summary: 'Where roseha looks for its config file, first match wins',
    body: () => configLocations.map((l, i) => `${i + 1}. ${l.where.padEnd(36)} ${l.meaning}`),
  },
  {
    name: 'environment',
    summary: 'Environment variables roseha reads',
    body: () => environmentVariables.map((v) => `${v.name.padEnd(28)} ${v.meaning}`),
  },
];

export const findTopic = (name: string) => helpTopics.find((t) => t.name === name);
