/**
 * Web mode's login, page side. The launch URL carries a one-time code in its fragment
 * (`#code=…`, which the browser never sends to any server). The page takes it out of the address
 * bar and the tab's history entry at once, then trades it for the API token (`POST /api/login`);
 * the code is spent then, so the copy the browser's history database keeps is worthless. The token
 * is kept in session storage — bound to this origin, port included, and to this tab — so a reload
 * stays logged in while no cookie or URL ever carries it where another local site could see it.
 */
const storageKey = 'certscope-web-token';
const fragmentCode = /^#code=([\w-]{16,})$/;
/** Where session storage is refused (a privacy setting): the token lives as long as the page. */
let memoryToken: string | undefined;
let login: Promise<void> | undefined;
let loginProblem: string | undefined;

/** Takes a `#code=` fragment out of the URL and starts trading it for the token. Call first thing. */
export function takeLaunchCode(
  location: Location = window.location,
  history: History = window.history,
): void {
  // A login URL pasted into a tab already on the app only changes the fragment: start afresh with it.
  window.addEventListener('hashchange', () => {
    if (fragmentCode.test(location.hash)) location.reload();
  });
  const match = fragmentCode.exec(location.hash);
  if (!match) return;
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  login = exchange(match[1]);
}

async function exchange(code: string): Promise<void> {
  try {
    const response = await fetch('/api/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
      credentials: 'omit',
    });
    const text = await response.text();
    if (!response.ok) {
      loginProblem = text;
      return;
    }
    store((JSON.parse(text) as { token: string }).token);
  } catch {
    loginProblem = 'Certscope could not reach its local service to log in. Is `npm run web` still running?';
  }
}

function store(token: string): void {
  try {
    sessionStorage.setItem(storageKey, token);
  } catch {
    memoryToken = token;
  }
}

/** The API token, once the login (if one is under way) has settled. */
export async function webToken(): Promise<string | undefined> {
  await login;
  try {
    return sessionStorage.getItem(storageKey) ?? memoryToken;
  } catch {
    return memoryToken;
  }
}

/** Why the page holds no token, when the login link failed: said instead of a bare 401. */
export function webLoginProblem(): string | undefined {
  return loginProblem;
}
