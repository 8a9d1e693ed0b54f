// Pre-flight checks (issue 13, item 4): what the wiring (create-core) uses.
export { destinationFinding, probeProblem, streamUrlFinding } from './findings';
export { planChecks, runKey, type PlannedCheck, type PreflightPlan } from './plan';
export {
  destinationTestPort,
  streamProbePort,
  type DestinationTestPortDeps,
  type PreflightPorts,
  type PreflightTarget,
} from './ports';
export { PreflightChecks, type PreflightOptions } from './preflight-checks';
export { checkRun, type RunCheckDeps } from './run-check';
