/** nock with the real network disabled, and every interceptor a test sets up required to be used. */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ExporterError } from '../../src/errors.js';

export function useNock(): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());
}

/** Awaits a promise that must reject with an ExporterError, and returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<ExporterError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ExporterError);
    return error as ExporterError;
  }
  throw new Error('expected an ExporterError');
}
