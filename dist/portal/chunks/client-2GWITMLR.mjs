import {
  MissingCredentialsError,
  NETWORK_ERROR,
  TimedFetchHandler,
  createAppTokenClient,
  createGraphClient,
  msalAuthProvider
} from "./chunk-BFNKCPP6.mjs";
export {
  MissingCredentialsError,
  NETWORK_ERROR,
  TimedFetchHandler,
  createAppTokenClient,
  createGraphClient,
  msalAuthProvider
};
//# sourceMappingURL=client-2GWITMLR.mjs.map
