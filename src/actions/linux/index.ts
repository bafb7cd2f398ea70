// The Linux driver table: one driver per resource type.
import type { DriverTable } from '../types.js';
import { ipDriver } from './ip.js';
import { createVolumeDriver, type VolumeDriverOptions } from './volume.js';
import { serviceDriver } from './service.js';
import { processDriver } from './process.js';
import { scriptDriver } from './script.js';

export interface LinuxDriverOptions {
  volume?: VolumeDriverOptions;
}

export function linuxDrivers(opts: LinuxDriverOptions = {}): DriverTable {
  return { ip: ipDriver, volume: createVolumeDriver(opts.volume), service: serviceDriver, process: processDriver, script: scriptDriver };
}
