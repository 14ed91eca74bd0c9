// Stand-in for the `ws` package in the browser build: libs/sdk's policy relay (Node only) imports
// it, the web app never opens a relay socket.
export default class NoWebSocket {
  constructor() {
    throw new Error('the policy relay client runs in Node only');
  }
}
