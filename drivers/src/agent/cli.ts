// `npm run agent -- --server URL --pair CODE --printer … --serial …`: the device agent's process.
// Exit codes: 0 stopped by a signal, 2 a wrong command line, 78 refused by the hall (a code or
// token that no restart will fix: the systemd unit does not restart on it), 1 anything else.
import { AgentRefused, DeviceAgent, EXIT_REFUSED } from './agent.ts';
import { parseCli, USAGE } from './options.ts';
import { SpecError } from './specs.ts';

async function main(): Promise<void> {
  let options;
  try {
    options = parseCli(process.argv.slice(2), process.env);
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    console.error(`onewindow-agent: ${err.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const agent = new DeviceAgent(options);
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await agent.stop().catch((err: unknown) => console.error(`onewindow-agent: stopping: ${(err as Error).message}`));
    process.exit(code);
  };
  agent.on('fatal', (err) => {
    console.error(`onewindow-agent: ${err.message}`);
    void stop(err.exitCode);
  });
  // SIGBREAK is Ctrl+Break in a Windows console; SIGTERM is what systemd sends.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGBREAK'] as const) process.on(signal, () => void stop(0));
  try {
    await agent.start();
  } catch (err) {
    console.error(`onewindow-agent: ${(err as Error).message}`);
    await agent.stop().catch(() => {});
    process.exit(err instanceof AgentRefused ? EXIT_REFUSED : err instanceof SpecError ? 2 : 1);
  }
}

void main();
