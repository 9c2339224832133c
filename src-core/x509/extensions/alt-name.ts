/** subjectAltName, issuerAltName and a CRL entry's certificateIssuer: GeneralNames (RFC 5280 §4.2.1.6). */
import type { GeneralName } from '../model';
import { generalNamesNodes, readGeneralNamesValue } from './common';
import type { ExtensionSpec } from './nodes';

export const altName: ExtensionSpec<GeneralName[]> = {
  read: (value) => readGeneralNamesValue(value, 'general names'),
  nodes: generalNamesNodes,
};
