/**
 * The page's entry, kept tiny: the browser paints the header bar from index.html first, then the
 * app (Vue, the stores and the core) loads as its own chunk and mounts over it.
 */
import './styles/base.css';
import { takeLaunchCode } from './api/web-token';
import { startVerifierWorkerEarly } from './verifier/start-worker';

// Web mode: the login code leaves the URL (and its history entry) before anything else runs.
takeLaunchCode();

requestAnimationFrame(() => {
  startVerifierWorkerEarly();
  void import('./start');
});
