/**
 * The CA/B Forum TLS Baseline Requirements (v2.2.6) as optional checks, one small check per rule
 * or per few closely related rules, each named `cabf-*` and judging every certificate by its role
 * in the path (common.ts). None runs by default: the `cabf` client profile selects them all, plus
 * the RFC 5280 checks. docs/cabf.md lists each rule, its BR section, its check and its test.
 */
import { asIssued } from './as-issued';
import { cabfAuthorityInfoAccessCheck } from './authority-info-access';
import { cabfAuthorityKeyIdCheck } from './authority-key-id';
import { cabfCaBasicConstraintsCheck } from './ca-basic-constraints';
import { cabfCaKeyUsageCheck } from './ca-key-usage';
import { cabfCaNameConstraintsCheck } from './ca-name-constraints';
import { cabfCaSubjectCheck } from './ca-subject';
import { cabfCertificatePoliciesCheck } from './certificate-policies';
import { cabfCertificateTransparencyCheck } from './certificate-transparency';
import { cabfCrlDistributionPointsCheck } from './crl-distribution-points';
import { cabfExtendedKeyUsageCheck } from './extended-key-usage';
import { cabfExtensionsCheck } from './extensions';
import { cabfIssuerBindingCheck } from './issuer-binding';
import { cabfLeafBasicConstraintsCheck } from './leaf-basic-constraints';
import { cabfLeafCommonNameCheck } from './leaf-common-name';
import { cabfLeafDnsNamesCheck } from './leaf-dns-names';
import { cabfLeafIpAddressesCheck } from './leaf-ip-addresses';
import { cabfLeafKeyUsageCheck } from './leaf-key-usage';
import { cabfLeafPublicNamesCheck } from './leaf-public-names';
import { cabfLeafSanCheck } from './leaf-san';
import { cabfLeafSubjectCheck } from './leaf-subject';
import { cabfLeafValidityCheck } from './leaf-validity';
import { cabfNameEncodingCheck } from './name-encoding';
import { cabfOtherExtensionsCheck } from './other-extensions';
import { cabfPublicKeyCheck } from './public-key';
import { cabfRootValidityCheck } from './root-validity';
import { cabfSerialCheck } from './serial';
import { cabfSignatureAlgorithmCheck } from './signature-algorithm';
import { cabfSubjectKeyIdCheck } from './subject-key-id';
import { cabfSubjectPlaceholderCheck } from './subject-placeholder';
import { cabfVersionCheck } from './version';

/**
 * Every CA/B Forum check, in the order their findings come (all certificate-scoped: leaf first),
 * each weighed by its certificate's issuance date (as-issued.ts).
 */
export const cabfChecks = [
  // Every certificate.
  asIssued(cabfVersionCheck),
  asIssued(cabfSerialCheck),
  asIssued(cabfSignatureAlgorithmCheck),
  asIssued(cabfIssuerBindingCheck),
  asIssued(cabfPublicKeyCheck),
  asIssued(cabfNameEncodingCheck),
  asIssued(cabfExtensionsCheck),
  asIssued(cabfAuthorityKeyIdCheck),
  asIssued(cabfCertificateTransparencyCheck),
  // By role: subscriber, subordinate CA, root.
  asIssued(cabfExtendedKeyUsageCheck),
  asIssued(cabfCertificatePoliciesCheck),
  asIssued(cabfAuthorityInfoAccessCheck),
  asIssued(cabfCrlDistributionPointsCheck),
  asIssued(cabfSubjectKeyIdCheck),
  asIssued(cabfOtherExtensionsCheck),
  // The subscriber certificate.
  asIssued(cabfLeafValidityCheck),
  asIssued(cabfLeafSanCheck),
  asIssued(cabfLeafDnsNamesCheck),
  asIssued(cabfLeafPublicNamesCheck),
  asIssued(cabfLeafIpAddressesCheck),
  asIssued(cabfLeafCommonNameCheck),
  asIssued(cabfLeafSubjectCheck),
  asIssued(cabfSubjectPlaceholderCheck),
  asIssued(cabfLeafKeyUsageCheck),
  asIssued(cabfLeafBasicConstraintsCheck),
  // CA certificates.
  asIssued(cabfCaBasicConstraintsCheck),
  asIssued(cabfCaKeyUsageCheck),
  asIssued(cabfCaNameConstraintsCheck),
  asIssued(cabfCaSubjectCheck),
  asIssued(cabfRootValidityCheck),
] as const;
