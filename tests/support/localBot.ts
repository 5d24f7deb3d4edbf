import { asCycleId, asIsoDate } from '../../src/domain/shared/brand';
import type { Cycle } from '../../src/ports/stores';

/** The bot's settings in local mode: no app id or password, so botbuilder sends without credentials (as against the connector stand-in). */
export const localBot = { appId: undefined, appPassword: undefined, appTenantId: undefined, appType: 'SingleTenant' as const };

/** An open live cycle, for messages that name one (an invitation, a reminder). */
export const openCycle: Cycle = {
  id: asCycleId('2026-27'),
  surveyId: 'health-check',
  surveyVersion: 1,
  title: 'Organisational Health Check 2026/27',
  kind: 'live',
  status: 'open',
  opensOn: asIsoDate('2027-01-11'),
  closesOn: asIsoDate('2027-01-29'),
  threshold: 5,
  textThreshold: 10,
};
