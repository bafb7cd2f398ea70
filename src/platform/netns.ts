// Runs every command of a Runner inside a Linux network namespace (`ip netns exec NAME …`): how the
// lab and the driver tests put an agent's commands in a namespace without changing the drivers.
// Note: `ip netns exec` also gives the command a private mount namespace, so mounts made through it
// are not seen outside; the volume driver is tested without it.
import type { Runner } from './types.js';

export function inNetns(runner: Runner, netns: string): Runner {
  return {
    run: (spec) => runner.run({ ...spec, netns }),
    spawnDetached: (spec) => runner.spawnDetached({ ...spec, file: 'ip', args: ['netns', 'exec', netns, spec.file, ...spec.args] }),
    ...(runner.host ? { host: runner.host } : {}),
  };
}
