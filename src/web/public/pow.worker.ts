// The proof-of-work solver, off the main thread: { challenge, difficulty } in, progress messages
// ({ tries }) every batch, then { nonce }.
import { search } from './sha256';

const BATCH = 8192;

self.onmessage = (e: MessageEvent<{ challenge: string; difficulty: number }>) => {
  const { challenge, difficulty } = e.data;
  for (let start = 0; ; start += BATCH) {
    const nonce = search(challenge, difficulty, start, BATCH);
    if (nonce !== null) {
      self.postMessage({ nonce, tries: start + BATCH });
      return;
    }
    self.postMessage({ tries: start + BATCH });
  }
};
