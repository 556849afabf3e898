// @onewindow/drivers/agent: the device agent (docs/agent.md). cli.ts is its process.
export { DeviceAgent, AgentRefused, EXIT_REFUSED, type AgentOptions } from './agent.ts';
export { JobJournal, type JobRecord, type JournalOptions } from './journal.ts';
export { AgentState, defaultStateDir, type StoredIdentity } from './state.ts';
export { SerialLine, type SerialLineEvents } from './serial-line.ts';
export { parsePrinterSpec, parseSerialSpec, PRINTER_FORMS, SpecError, type SerialLineSpec } from './specs.ts';
export { parseCli, USAGE, type CliOptions } from './options.ts';
