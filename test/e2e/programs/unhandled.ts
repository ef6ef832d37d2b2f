/** A process with the exporter's guards that rejects a promise nobody handles: it must log and exit 1. */
import { createLogger } from '../../../src/log.js';
import { installProcessGuards } from '../../../src/process-guards.js';

installProcessGuards(createLogger({ level: 'info' }));
void Promise.reject(new Error('nobody awaited me'));
setTimeout(() => console.log('still running'), 2000);
