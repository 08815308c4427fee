// Conformance checks: drive the Ferry emulator's Pub/Sub API with the third-party Node client
// salesforce-pubsub-api-client, unchanged: subscribe over TLS, decode change events made through
// REST, see keepalives, resume from a replay id, and see the error for a corrupted one.
// Usage: EMULATOR_URL=http://127.0.0.1:8484 PUBSUB_ENDPOINT=127.0.0.1:7443 node conformance.mjs
// Exits non-zero when any check fails; prints one line per check.
import PubSubApiClient from 'salesforce-pubsub-api-client';

const base = process.env.EMULATOR_URL;
const endpoint = process.env.PUBSUB_ENDPOINT;
if (!base || !endpoint) {
  console.error('EMULATOR_URL and PUBSUB_ENDPOINT are required');
  process.exit(2);
}
const topic = '/data/AccountChangeEvent';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function assert(cond, message) {
  if (!cond) throw new Error('assertion failed: ' + message);
}
function assertEq(actual, expected, message) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${message}: expected ${e}, got ${a}`);
}
async function waitFor(what, predicate, ms = 20000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const v = await predicate();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out waiting for ' + what);
}

async function login() {
  const res = await fetch(`${base}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'emulator-client',
      client_secret: 'emulator-secret',
      username: 'admin@example.com',
      password: 'password',
    }),
  });
  assertEq(res.status, 200, 'login');
  return (await res.json()).access_token;
}

async function rest(token, method, path, body) {
  const res = await fetch(`${base}/services/data/v59.0${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  assert(res.status < 300, `${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function startedSubscriptions() {
  const res = await fetch(`${base}/__emulator/pubsub/subscriptions`);
  const body = await res.json();
  return body.subscriptions.filter((s) => s.topic !== '').length;
}

/** A connected client whose callbacks land in arrays. */
async function connect(token) {
  const client = new PubSubApiClient(
    {
      authType: 'user-supplied',
      accessToken: token,
      // the client insists on https; in user-supplied mode it never calls this URL
      instanceUrl: base.replace(/^http:/, 'https:'),
      organizationId: token.split('!')[0],
      pubSubEndpoint: endpoint,
      rejectUnauthorizedSsl: false,
    },
    quiet,
  );
  await client.connect();
  const seen = { events: [], errors: [], keepalives: 0, statuses: [] };
  const callback = (info, type, data) => {
    if (type === 'event') seen.events.push(data);
    else if (type === 'error') seen.errors.push(data);
    else if (type === 'grpcKeepAlive') seen.keepalives++;
    else if (type === 'grpcStatus') seen.statuses.push(data);
  };
  return { client, seen, callback };
}

const results = [];
async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${e.stack || e}`);
  }
}

const token = await login();
let createReplayId;
let accountId;

await check('subscribe over TLS, decode CREATE and UPDATE change events made through REST', async () => {
  const { client, seen, callback } = await connect(token);
  try {
    client.subscribe(topic, callback);
    await waitFor('the subscription to start', async () => (await startedSubscriptions()) >= 1);
    const created = await rest(token, 'POST', '/sobjects/Account', {
      Name: 'Node Co',
      BillingStreet: '7 Node Way',
      BillingCity: 'Nodeville',
    });
    accountId = created.id;
    await rest(token, 'PATCH', `/sobjects/Account/${accountId}`, { Name: 'Node Co 2', BillingCity: 'Elsewhere' });
    await waitFor('two events', () => seen.events.length >= 2 || seen.errors.length > 0);
    assertEq(seen.errors.map(String), [], 'no errors');
    const [create, update] = seen.events;
    const ch = create.payload.ChangeEventHeader;
    assertEq(ch.entityName, 'Account', 'entityName');
    assertEq(ch.recordIds, [accountId], 'recordIds');
    assertEq(ch.changeType, 'CREATE', 'changeType');
    assertEq(ch.changedFields, [], 'CREATE has no changedFields');
    assertEq(create.payload.Name, 'Node Co', 'Name');
    assertEq(create.payload.BillingAddress.Street, '7 Node Way', 'BillingAddress.Street');
    assert(typeof create.replayId === 'number' && create.replayId > 0, 'numeric replay id');
    const uh = update.payload.ChangeEventHeader;
    assertEq(uh.changeType, 'UPDATE', 'second changeType');
    assert(uh.changedFields.includes('Name'), 'changedFields has Name: ' + uh.changedFields);
    assert(uh.changedFields.includes('LastModifiedDate'), 'changedFields has LastModifiedDate: ' + uh.changedFields);
    assert(uh.changedFields.includes('BillingAddress.City'), 'changedFields has BillingAddress.City: ' + uh.changedFields);
    assertEq(update.payload.Name, 'Node Co 2', 'updated Name');
    assert(update.replayId > create.replayId, 'replay ids grow');
    createReplayId = create.replayId;
  } finally {
    client.close();
  }
});

await check('idle streams get keepalives', async () => {
  const { client, seen, callback } = await connect(token);
  try {
    client.subscribe(topic, callback);
    await waitFor('a keepalive', () => seen.keepalives > 0 || seen.errors.length > 0);
    assertEq(seen.errors.map(String), [], 'no errors');
  } finally {
    client.close();
  }
});

await check('resume after a replay id', async () => {
  assert(createReplayId, 'the first check ran');
  const { client, seen, callback } = await connect(token);
  try {
    client.subscribeFromReplayId(topic, callback, 1, createReplayId);
    await waitFor('the event after the replay id', () => seen.events.length >= 1 || seen.errors.length > 0);
    assertEq(seen.errors.map(String), [], 'no errors');
    const ev = seen.events[0];
    assertEq(ev.payload.ChangeEventHeader.changeType, 'UPDATE', 'the UPDATE follows the CREATE');
    assertEq(ev.payload.ChangeEventHeader.recordIds, [accountId], 'same record');
  } finally {
    client.close();
  }
});

await check('a corrupted replay id ends the stream with the documented error code', async () => {
  const { client, seen, callback } = await connect(token);
  try {
    client.subscribeFromReplayId(topic, callback, 1, 1);
    const error = await waitFor('the error', () => seen.errors[0]);
    assertEq(error.code, 3, 'gRPC status INVALID_ARGUMENT');
    assertEq(
      error.metadata.get('error-code'),
      ['sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted'],
      'error-code trailer',
    );
    assert(/rpcId: [0-9a-f-]{36}$/.test(error.details), 'details end with the rpc id: ' + error.details);
  } finally {
    client.close();
  }
});

const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} of ${results.length} checks passed`);
process.exit(failed === 0 ? 0 : 1);
