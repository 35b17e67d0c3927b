import { App } from 'cdk8s';
import { buildExamplesApp } from './app';

const app = new App();
buildExamplesApp(app);
app.synth();
