// The official `openai` Node SDK against a running `deepshi mock serve` (see node_compat.py).
// Usage: node openai_sdk.mjs ORIGIN API_KEY IMAGE.png
// Every step asserts what the SDK returns; any failure exits non-zero with the reason.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import OpenAI, { toFile } from "openai";

const [origin, apiKey, imagePath] = process.argv.slice(2);
const client = new OpenAI({ baseURL: `${origin}/v1`, apiKey, maxRetries: 0 });
const png = readFileSync(imagePath);

/** Width and height of a PNG, from its IHDR chunk (no image library needed). */
function pngSize(b64) {
  assert.ok(b64, "no base64 image where the SDK reads it");
  const bytes = Buffer.from(b64, "base64");
  assert.equal(bytes.subarray(1, 4).toString("latin1"), "PNG", "not a PNG");
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

const checks = [];
function check(name, run) {
  checks.push([name, run]);
}

check("models.list", async () => {
  const models = [];
  for await (const model of client.models.list()) models.push(model);
  assert.equal(models.length, 10);
  assert.deepEqual(models.find((m) => m.id === "nano-banana-2").edit, { supported: true, max_images: 14 });
});

check("images.generate, n=2, b64_json", async () => {
  const result = await client.images.generate({ model: "nano-banana-2", prompt: "a fox", n: 2, aspect_ratio: "16:9" });
  assert.equal(result.data.length, 2);
  for (const item of result.data) assert.equal(pngSize(item.b64_json), "1024x576");
  assert.equal(result.size, "1024x576");
});

check("images.generate, url", async () => {
  const result = await client.images.generate({ model: "gpt-image-2", prompt: "a fox", response_format: "url" });
  assert.match(result.data[0].url, /^data:image\/png;base64,/);
});

check("images.edit, one file", async () => {
  const image = await toFile(png, "input.png", { type: "image/png" });
  const result = await client.images.edit({ model: "deepshi-image-1", prompt: "make it night", image });
  assert.equal(pngSize(result.data[0].b64_json), result.size);
});

check("images.edit, a list of files, extra fields", async () => {
  const image = [await toFile(png, "a.png", { type: "image/png" }), await toFile(png, "b.png", { type: "image/png" })];
  const result = await client.images.edit({
    model: "nano-banana-2", prompt: "combine", image, aspect_ratio: "4:3", output_format: "png",
  });
  assert.equal(pngSize(result.data[0].b64_json), "1024x768");
});

check("images.generate, stream", async () => {
  const stream = await client.images.generate({ model: "gpt-image-2", prompt: "a fox", stream: true });
  const events = [];
  for await (const event of stream) events.push(event);
  assert.equal(events.length, 1, "one terminal event (the keepalive comment is not one)");
  const [event] = events;
  assert.equal(event.type, "image_generation.completed");
  assert.equal(pngSize(event.b64_json), event.size);
  assert.equal(event.output_format, "png");
  assert.equal(event.created_at, event.created);
});

check("images.edit, stream", async () => {
  const image = await toFile(png, "input.png", { type: "image/png" });
  const stream = await client.images.edit({ model: "nano-banana-2", prompt: "night", image, stream: true });
  const events = [];
  for await (const event of stream) events.push(event);
  assert.equal(events.length, 1);
  assert.equal(events[0].type, "image_generation.completed");
  assert.equal(pngSize(events[0].b64_json), "1024x1024");
});

check("a stream error event", async () => {
  const stream = await client.images.generate({ model: "deepshi-image-1", prompt: "mock-error stream", stream: true });
  await assert.rejects(async () => {
    for await (const _ of stream);
  }, (error) => error instanceof OpenAI.APIError && /failed to produce an image/.test(error.message));
});

check("typed errors", async () => {
  await assert.rejects(client.images.generate({ model: "not-a-model", prompt: "x" }), (error) => {
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.equal(error.code, "model_not_found");
    assert.equal(error.param, "model");
    return true;
  });
  const wrong = new OpenAI({ baseURL: `${origin}/v1`, apiKey: "sk-bf-x", maxRetries: 0 });
  await assert.rejects(wrong.models.list(), OpenAI.AuthenticationError);
});

check("every request the SDK sent was valid", async () => {
  const journal = await (await fetch(`${origin}/__mock__/journal`)).json();
  const invalid = journal.entries.filter((e) => !e.valid && !["not-a-model"].includes(e.fields.model) && e.status !== 401);
  assert.deepEqual(invalid.map((e) => [e.path, e.error]), []);
  const edits = journal.entries.filter((e) => e.operation === "editImage");
  assert.deepEqual(edits.map((e) => e.files.map((f) => f.field)), [["image"], ["image[]", "image[]"], ["image"]]);
});

let failed = 0;
for (const [name, run] of checks) {
  try {
    await run();
    console.log(`ok     ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`FAILED ${name}: ${error && error.stack ? error.stack : error}`);
  }
}
console.log(`${checks.length - failed} of ${checks.length} checks passed`);
process.exit(failed ? 1 : 0);
