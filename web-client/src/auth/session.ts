import { UserManager, WebStorageStateStore, type User } from "oidc-client-ts";
import type { ClientConfig } from "../config";

/** Where the issuer sends the browser back with the authorization code. */
const CALLBACK_PATH = "/signed-in";

/**
 * The signed-in user's tokens: OIDC authorization code with PKCE (oidc-client-ts), kept in session storage (this tab
 * only, gone when it closes) and renewed a minute before they expire. Tokens never go in a URL: the redirect back
 * carries a one-time code, and the page the user came from travels in the library's stored state.
 */
export class Session {
  private readonly manager: UserManager;
  private user: User | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(config: ClientConfig) {
    this.manager = new UserManager({
      authority: config.oidc_issuer,
      client_id: config.oidc_client_id,
      redirect_uri: location.origin + CALLBACK_PATH,
      post_logout_redirect_uri: location.origin + "/",
      response_type: "code",
      scope: config.oidc_scope,
      userStore: new WebStorageStateStore({ store: sessionStorage }),
      automaticSilentRenew: true,
      accessTokenExpiringNotificationTimeInSeconds: 60,
    });
    this.manager.events.addUserLoaded((user) => this.set(user));
    this.manager.events.addUserUnloaded(() => this.set(null));
    this.manager.events.addSilentRenewError((error) => console.warn("token renewal failed", error));
  }

  /** Completes a sign-in that is coming back from the issuer, or restores this tab's session. */
  async start(): Promise<void> {
    if (location.pathname === CALLBACK_PATH) {
      const user = await this.manager.signinRedirectCallback();
      history.replaceState(null, "", typeof user.state === "string" ? user.state : "/");
      this.set(user);
      return;
    }
    const user = await this.manager.getUser();
    if (user && !user.expired) {
      this.set(user);
    } else if (user?.refresh_token) {
      this.set(await this.manager.signinSilent().catch(() => null));
    }
  }

  /** Sends the browser to the issuer; it comes back to the page it is on now. */
  signIn(): Promise<void> {
    return this.manager.signinRedirect({ state: location.pathname + location.search + location.hash });
  }

  async signOut(): Promise<void> {
    await this.manager.removeUser();
    this.set(null);
  }

  get signedIn(): boolean {
    return this.user !== null && !this.user.expired;
  }

  /** The current access token; throws when signed out (callers are only reachable signed in). */
  accessToken(): string {
    if (!this.user || this.user.expired) throw new Error("not signed in");
    return this.user.access_token;
  }

  /** Calls {@code listener} whenever the user or their tokens change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(user: User | null): void {
    this.user = user;
    this.listeners.forEach((listener) => listener());
  }
}
