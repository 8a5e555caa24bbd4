// Renders every processes/*.bpmn to docs/diagrams/<process-id>.svg: bpmn-js draws the model in a
// headless Chromium, and its saveSVG() gives the diagram exactly as Camunda Modeler draws it.
// Run with `npm run render:diagrams` (needs Debian's chromium at /usr/bin/chromium, or set CHROMIUM).
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const processesDir = join(root, 'processes');
const outDir = join(root, 'docs', 'diagrams');
const viewerScript = createRequire(import.meta.url).resolve('bpmn-js/dist/bpmn-viewer.production.min.js');

// The flags that let Chromium start on a machine without a display, GPU or outside network.
const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'
];

const models = (await readdir(processesDir)).filter((name) => name.endsWith('.bpmn')).sort();
if (models.length === 0) {
  throw new Error(`no .bpmn file in ${processesDir}`);
}
await mkdir(outDir, { recursive: true });

const profile = await mkdtemp(join(tmpdir(), 'render-diagrams-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: chromiumArgs
});
try {
  const page = await browser.newPage();
  await page.setContent('<!DOCTYPE html><html><body><div id="canvas" style="width:1600px;height:900px"></div></body></html>');
  await page.addScriptTag({ path: viewerScript });

  for (const model of models) {
    const xml = await readFile(join(processesDir, model), 'utf8');
    const { processId, svg, warnings } = await page.evaluate(async (xml) => {
      const viewer = new window.BpmnJS({ container: '#canvas' });
      try {
        const { warnings } = await viewer.importXML(xml);
        const process = viewer.getDefinitions().rootElements.find((element) => element.$type === 'bpmn:Process');
        const { svg } = await viewer.saveSVG();
        return { processId: process && process.id, svg, warnings: warnings.map((warning) => warning.message) };
      } finally {
        viewer.destroy();
      }
    }, xml);
    if (!processId) {
      throw new Error(`${model}: no bpmn:process in it`);
    }
    if (warnings.length > 0) {
      throw new Error(`${model}: bpmn-js could not draw it cleanly:\n  ${warnings.join('\n  ')}`);
    }
    const target = join(outDir, `${processId}.svg`);
    await writeFile(target, stableMarkerIds(svg) + '\n');
    console.log(`${model} -> ${target.slice(root.length + 1)}`);
  }
} finally {
  await browser.close();
  await rm(profile, { recursive: true, force: true });
}

/** bpmn-js names its arrow-head markers at random: number them in order, so an unchanged model renders the same file. */
function stableMarkerIds(svg) {
  const numbers = new Map();
  for (const [, id] of svg.matchAll(/<marker id="([^"]+)"/g)) {
    numbers.set(id, `marker-${numbers.size + 1}`);
  }
  return svg.replace(/marker-[a-z0-9]+/g, (id) => numbers.get(id) ?? id);
}
