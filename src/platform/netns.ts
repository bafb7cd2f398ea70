// Runs every command of a Runner inside a Linux network namespace (`ip netns exec NAME …`): how the
// lab and the driver tests put an agent's commands in a namespace without changing the drivers.
// Note: `ip netns exec` also gives the command a private mount namespace, so mounts made through it
// are not seen outside; the volume driver is tested without it.
import type { Runner } from './types.js';

export function inNetns(runner: Runner, netns: string): Runner {
  return {
    run: (spec) => runner.run({ ...spec, netns }),
    spawnDetached: (spec) => runner.spawnDetached({ ...spec, file: 'ip', args: ['netns', 'exec', netns, spec.file, ...spec.args] }),
    // /sys shows the namespace of whoever mounted it: read it through `ip netns exec`, which mounts
    // the namespace's own. (realPath needs no namespace: paths are the mount namespace's.)
    readText: async (read) => {
      const res = await runner.run({ file: 'cat', args: [read.path], netns, timeoutMs: 10_000 });
      return res.exitCode === 0 && !res.timedOut ? res.stdout : null;
    },
    ...(runner.realPath ? { realPath: runner.realPath } : {}),
    ...(runner.host ? { host: runner.host } : {}),
  };
}
