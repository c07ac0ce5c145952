import {
  DEFAULT_CERT_DIR,
  LEAF_DNS_NAMES,
  LEAF_IP_ADDRESSES,
  ensureEmulatorTls,
  loadX509,
  publishOnce,
  spkiOf
} from "./chunk-LHOQIK6G.mjs";
export {
  DEFAULT_CERT_DIR,
  LEAF_DNS_NAMES,
  LEAF_IP_ADDRESSES,
  ensureEmulatorTls,
  loadX509,
  publishOnce,
  spkiOf
};
//# sourceMappingURL=certs-HOYCTFCB.mjs.map
