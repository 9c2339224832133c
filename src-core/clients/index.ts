/** Who would trust it: client profiles as data over the check registry, and a verdict per client. */
export {
  clientIds,
  clientProgramIds,
  clientProfiles,
  clientProfile,
  defaultClient,
  isClientId,
  type ClientId,
  type ClientProfile,
  type ClientStore,
} from './profiles';
export {
  leadWith,
  programsOf,
  selectionFor,
  verifyForClients,
  verifyForClientsGiven,
  type ClientVerdict,
  type ClientVerdicts,
  type ClientVerdictsOptions,
  type ProgramStores,
} from './verdicts';
export {
  programAnchors,
  programStores,
  programStoresFrom,
  modelledChromeVersion,
  type ProgramAnchors,
} from './program-stores';
