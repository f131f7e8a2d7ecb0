/** Debian's Chromium; the journeys never download a browser. */
export const BROWSER_PATH = '/usr/bin/chromium';
