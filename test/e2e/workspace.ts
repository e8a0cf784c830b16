// The workspace the in-host suite and the UI scenarios open (see scripts/e2e-package.mjs).
export { prepareWorkspace } from '../../scripts/e2e-package.mjs';
