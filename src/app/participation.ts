import { createHmac, randomBytes } from 'node:crypto';
import { asParticipationKey, type ParticipationKey, type UserId } from '../domain/shared/brand';

/**
 * Participation is keyed by HMAC-SHA256(cycle secret, user id): the same person always gets
 * the same key within a cycle (so they can resume and cannot submit twice), a different
 * key in each cycle (so cycles cannot be joined), and the key says nothing about who they
 * are without the secret, which stays on the server.
 */
export function participationKey(cycleSecret: Buffer, userId: UserId): ParticipationKey {
  return asParticipationKey(createHmac('sha256', cycleSecret).update(userId, 'utf8').digest('hex'));
}

/** 32 random bytes: a new secret for each cycle. */
export function newCycleSecret(): Buffer {
  return randomBytes(32);
}
