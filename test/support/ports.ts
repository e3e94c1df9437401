// Free loopback ports for tests that need a real socket (the devhost process, network-layer tests).
export { freePort } from '../../devhost/freePort';
