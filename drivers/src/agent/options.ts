// The agent's command line and environment (agent.md's table): options win over variables.
import { parseArgs } from 'node:util';
import { defaultStateDir } from './state.ts';
import { PRINTER_FORMS, SpecError, parseIdCardSpec, parsePrinterSpec, parseSerialSpec } from './specs.ts';

export interface CliOptions {
  server: string;
  pairCode?: string;
  stateDir: string;
  printer?: string;
  serial?: string;
  idcard?: string;
}

export const USAGE = `Usage: npm run agent -- --server URL [--pair CODE] [--state DIR] [--printer SPEC] [--serial PATH@BAUD] [--idcard PATH@BAUD]

  --server URL      the hall server, e.g. http://192.168.1.10:8080        (ONEWINDOW_SERVER)
  --pair CODE       pairing code of a device of kind "agent", needed once  (ONEWINDOW_PAIR_CODE)
  --state DIR       where the token and the record of printed jobs live    (ONEWINDOW_AGENT_STATE)
                    default ${defaultStateDir()}
  --printer SPEC    the local ticket printer:
                      ${PRINTER_FORMS.join('\n                      ')}
  --serial PATH@BAUD  the local RS-485 / USB-serial line of pads, LED screens and keypads,
                    e.g. /dev/ttyUSB1@9600 or COM4@9600
  --idcard PATH@BAUD  the local ID-card reader (GA 467) of the kiosk or the guide desk,
                    e.g. /dev/ttyUSB2 or COM5 (115200 baud when left out)`;

/** Throws SpecError with a message for people on anything wrong. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        server: { type: 'string' }, pair: { type: 'string' }, state: { type: 'string' },
        printer: { type: 'string' }, serial: { type: 'string' }, idcard: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
      strict: true, allowPositionals: false,
    }));
  } catch (err) {
    throw new SpecError((err as Error).message);
  }
  if (values.help) return 'help';
  const str = (v: string | boolean | undefined) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const server = str(values.server) ?? str(env.ONEWINDOW_SERVER);
  if (!server) throw new SpecError('give the hall server: --server http://HOST:PORT (or ONEWINDOW_SERVER)');
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new SpecError(`--server "${server}" is not a URL: write it as http://HOST:PORT`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SpecError(`--server "${server}": http or https only`);
  const printer = str(values.printer);
  const serial = str(values.serial);
  if (printer) parsePrinterSpec(printer);
  const idcard = str(values.idcard);
  if (serial) parseSerialSpec(serial);
  if (idcard) parseIdCardSpec(idcard);
  if (!printer && !serial && !idcard) throw new SpecError('give --printer, --serial, --idcard or several: an agent with none has nothing to drive');
  return {
    server: url.href.replace(/\/+$/, ''),
    pairCode: str(values.pair) ?? str(env.ONEWINDOW_PAIR_CODE),
    stateDir: str(values.state) ?? str(env.ONEWINDOW_AGENT_STATE) ?? defaultStateDir(),
    printer, serial, idcard,
  };
}
