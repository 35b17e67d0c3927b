import { App } from 'cdk8s';
import { ExamplesApp } from './app';
import { GatewayApiAnalysis } from '../src';

const app = new App();
new ExamplesApp(app, 10);
// Predict what the controller will report for every route and Gateway; synth fails if a route would not attach.
// (The schema/CEL validation is on already: the L2 constructs enable it for their charts.)
GatewayApiAnalysis.enable(app);
app.synth();
