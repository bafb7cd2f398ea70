// Opens a file in the operator's editor and waits: $VISUAL, $EDITOR, else notepad (Windows) or vi.
// The variable may hold arguments ("code --wait"): split on spaces, never given to a shell.
import { execa } from 'execa';

export function editorArgv(file: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string[] {
  const chosen = (env.VISUAL || env.EDITOR || '').trim();
  const words = chosen ? chosen.split(/\s+/) : [platform === 'win32' ? 'notepad.exe' : 'vi'];
  return [...words, file];
}

/** Exit code of the editor (127 when it could not be started). */
export async function runEditor(file: string, env: NodeJS.ProcessEnv): Promise<number> {
  const [cmd, ...args] = editorArgv(file, env);
  const r = await execa(cmd!, args, { stdio: 'inherit', reject: false, env, extendEnv: false });
  return r.exitCode ?? 127;
}
