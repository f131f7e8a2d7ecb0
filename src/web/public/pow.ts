// Solving the anti-flood challenge of the public forms (GET /api/v1/helpline/challenge): in a
// Web Worker so the page stays responsive; where workers are unavailable, in small slices on the
// main thread. `onProgress` gets a fraction (expected work, so it can pass 1 on an unlucky run).
import { api } from '../lib/api';
import { search } from './sha256';

export interface Pow {
  challenge: string;
  nonce: string;
}

interface Challenge {
  challenge: string;
  difficulty: number;
  expiresAt: string;
}

function solveInWorker(c: Challenge, onProgress: (tries: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' });
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    worker.onmessage = (e: MessageEvent<{ nonce?: string; tries: number }>) => {
      onProgress(e.data.tries);
      if (e.data.nonce !== undefined) {
        worker.terminate();
        resolve(e.data.nonce);
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'worker failed'));
    };
    worker.postMessage({ challenge: c.challenge, difficulty: c.difficulty });
  });
}

async function solveInSlices(c: Challenge, onProgress: (tries: number) => void): Promise<string> {
  const SLICE = 2048;
  for (let start = 0; ; start += SLICE) {
    const nonce = search(c.challenge, c.difficulty, start, SLICE);
    onProgress(start + SLICE);
    if (nonce !== null) return nonce;
    await new Promise((r) => setTimeout(r, 0));
  }
}

/** Fetches a challenge and solves it. */
export async function proofOfWork(onProgress: (fraction: number) => void): Promise<Pow> {
  const c = await api.get<Challenge>('/api/v1/helpline/challenge', undefined, { quiet401: true });
  const expected = 2 ** c.difficulty;
  const report = (tries: number) => onProgress(Math.min(0.99, tries / expected));
  let nonce: string;
  try {
    nonce = await solveInWorker(c, report);
  } catch {
    nonce = await solveInSlices(c, report);
  }
  onProgress(1);
  return { challenge: c.challenge, nonce };
}
