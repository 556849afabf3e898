export { HallConfigSchema, PrinterSchema, SerialPortSchema, type HallConfig, type PrinterConfig, type SerialDeviceConfig } from './schema.ts';
export { loadHallConfig, validateHallConfig, ConfigError } from './load.ts';
