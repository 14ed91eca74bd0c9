/** The Content-Security-Policy header value of the web app's page. */
export const WEB_APP_CSP = Symbol('WEB_APP_CSP');
