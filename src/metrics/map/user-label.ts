/** The `user` label of per-user series: the login, or a salted hash of it (COPILOT_USER_LABEL=hash). */
import { createHash } from 'node:crypto';
import type { UserMetricsConfig } from '../../config/exporter-config.js';

export function userLabel(login: string, options: Pick<UserMetricsConfig, 'label' | 'salt'>): string {
  if (options.label === 'login') return login;
  return createHash('sha256').update(`${options.salt}:${login.toLowerCase()}`).digest('hex').slice(0, 16);
}
