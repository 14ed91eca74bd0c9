/** Injection token for the validated AppConfig (plus what the embedded services resolved to). */
export const APP_CONFIG = Symbol('APP_CONFIG');
