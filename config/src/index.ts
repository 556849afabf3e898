export {
  HallConfigSchema, PrinterSchema, SerialPortSchema, AgentLineSchema, serialLineKey, idCardLineKey,
  type HallConfig, type PrinterConfig, type SerialDeviceConfig, type SerialLineConfig,
} from './schema.ts';
export { loadHallConfig, validateHallConfig, ConfigError } from './load.ts';
