export { ConformanceReportInfo, FeatureSupport, Implementation } from './implementation';
