// vega-interpreter ships only as an ES module; bundled to a global so that charts run under a
// Content-Security-Policy without 'unsafe-eval' (Vega otherwise compiles expressions with Function()).
import { expressionInterpreter } from 'vega-interpreter';
window.vegaInterpreter = { expressionInterpreter };
