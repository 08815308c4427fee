// Conformance checks: drive the Ferry Salesforce emulator with jsforce, unchanged, the way
// applications do. Usage: EMULATOR_URL=http://127.0.0.1:8484 node conformance.mjs
// Exits non-zero when any check fails; prints one line per check.
import jsforce from 'jsforce';

const base = process.env.EMULATOR_URL;
if (!base) {
  console.error('EMULATOR_URL is required');
  process.exit(2);
}
const groups = (process.env.CONFORMANCE_GROUPS || 'all').split(',');
const enabled = (g) => groups.includes('all') || groups.includes(g);
const version = '59.0';
const clientId = 'emulator-client';
const clientSecret = 'emulator-secret';
const username = 'admin@example.com';
const password = 'password';

const results = [];
function assert(cond, message) {
  if (!cond) throw new Error('assertion failed: ' + message);
}
function assertEq(actual, expected, message) {
  if (actual !== expected) {
    throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}
async function expectError(promise, errorCode, message) {
  try {
    await promise;
  } catch (e) {
    assertEq(e.errorCode || e.name, errorCode, message);
    return e;
  }
  throw new Error(message + ': expected an error ' + errorCode);
}
async function check(group, name, fn) {
  if (!enabled(group)) return;
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true, ms: Date.now() - started });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, ok: false, error: e });
    console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
  }
}
async function control(path, body) {
  const res = await fetch(base + '/__emulator' + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
function isoMinutesAgo(n) {
  return new Date(Date.now() - n * 60_000).toISOString();
}

const conn = new jsforce.Connection({
  loginUrl: base,
  version,
  oauth2: { clientId, clientSecret, loginUrl: base },
});

await check('core', 'login with the OAuth password flow', async () => {
  const info = await conn.login(username, password);
  assert(info.id && info.id.startsWith('005'), 'user id ' + info.id);
  assert(info.organizationId && info.organizationId.startsWith('00D'), 'org id');
  assertEq(conn.instanceUrl, base, 'instanceUrl');
  assert(/^00D\w{12,15}!/.test(conn.accessToken), 'token shape');
});

await check('core', 'identity()', async () => {
  const id = await conn.identity();
  assertEq(id.username, username, 'username');
  assert(id.organization_id.startsWith('00D'), 'organization_id');
});

await check('core', 'describeGlobal and describe', async () => {
  const g = await conn.describeGlobal();
  const names = g.sobjects.map((s) => s.name);
  for (const n of ['Account', 'Contact', 'Opportunity', 'Lead', 'Case', 'User', 'Organization', 'Invoice__c']) {
    assert(names.includes(n), 'describeGlobal has ' + n);
  }
  const d = await conn.sobject('Account').describe();
  const ext = d.fields.find((f) => f.name === 'External_Id__c');
  assert(ext && ext.externalId && ext.unique, 'External_Id__c is a unique external id');
  assert(d.childRelationships.some((c) => c.relationshipName === 'Contacts'), 'Contacts child relationship');
});

await check('core', 'limits() and Sforce-Limit-Info', async () => {
  const limits = await conn.limits();
  assert(limits.DailyApiRequests.Max > 0, 'DailyApiRequests.Max');
  assert(conn.limitInfo && conn.limitInfo.apiUsage && conn.limitInfo.apiUsage.used > 0, 'limitInfo parsed from the header');
});

let accountId;
await check('core', 'single-record CRUD and upsert', async () => {
  const created = await conn.sobject('Account').create({ Name: 'jsforce Co', External_Id__c: 'JS-1', NumberOfEmployees: 42 });
  assert(created.success && created.id.startsWith('001'), 'create');
  accountId = created.id;
  const rec = await conn.sobject('Account').retrieve(accountId);
  assertEq(rec.Name, 'jsforce Co', 'retrieve');
  assertEq(rec.NumberOfEmployees, 42, 'int field');
  const upd = await conn.sobject('Account').update({ Id: accountId, Name: 'jsforce Co 2' });
  assert(upd.success, 'update');
  const ups = await conn.sobject('Account').upsert({ External_Id__c: 'JS-1', Name: 'jsforce Co 3' }, 'External_Id__c');
  assert(ups.success && ups.created === false, 'upsert update');
  const ups2 = await conn.sobject('Account').upsert({ External_Id__c: 'JS-2', Name: 'jsforce New' }, 'External_Id__c');
  assert(ups2.success && ups2.created === true, 'upsert create');
  const contact = await conn.sobject('Contact').create({ LastName: 'Lovelace', Account: { External_Id__c: 'JS-2' } });
  assert(contact.success, 'relationship by external id');
  const doomed = await conn.sobject('Account').create({ Name: 'to be deleted' });
  const del = await conn.sobject('Account').destroy(doomed.id);
  assert(del.success, 'destroy');
});

await check('core', 'record errors surface as jsforce errors', async () => {
  await expectError(conn.sobject('Contact').create({ FirstName: 'no last name' }), 'REQUIRED_FIELD_MISSING', 'required field');
  await expectError(conn.sobject('Account').create({ Name: 'dup', External_Id__c: 'js-1' }), 'DUPLICATE_VALUE', 'duplicate external id');
  await expectError(conn.sobject('Account').retrieve('001000000000000AAA'), 'NOT_FOUND', 'unknown id');
  await expectError(conn.sobject('Account').create({ Name: 'x', Rating: 'Lukewarm' }), 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'restricted picklist');
});

await check('core', 'sObject Collections: create, update, upsert, retrieve, destroy', async () => {
  const created = await conn.sobject('Account').create([
    { Name: 'C1', External_Id__c: 'COL-1' },
    { Name: 'C2', External_Id__c: 'COL-2' },
    { Name: 'C3' },
  ]);
  assertEq(created.length, 3, 'three results');
  assert(created.every((r) => r.success), 'all created');
  const ids = created.map((r) => r.id);
  const updated = await conn.sobject('Account').update(ids.map((Id, i) => ({ Id, Description: 'row ' + i })));
  assert(updated.every((r) => r.success), 'all updated');
  const upserted = await conn.sobject('Account').upsert(
    [{ External_Id__c: 'COL-1', Name: 'C1!' }, { External_Id__c: 'COL-9', Name: 'C9' }],
    'External_Id__c',
  );
  assertEq(upserted[0].created, false, 'first upserted row updated');
  assertEq(upserted[1].created, true, 'second upserted row created');
  const got = await conn.sobject('Account').retrieve(ids);
  assertEq(got[0].Name, 'C1!', 'retrieve after upsert');
  assertEq(got[2].Description, 'row 2', 'retrieve updated field');
  const partial = await conn.sobject('Account').create([{ Name: 'ok' }, { Description: 'no name' }], { allOrNone: false });
  assert(partial[0].success && !partial[1].success, 'per-item results');
  assertEq(partial[1].errors[0].statusCode, 'REQUIRED_FIELD_MISSING', 'per-item statusCode');
  const destroyed = await conn.sobject('Account').destroy(ids);
  assert(destroyed.every((r) => r.success), 'all destroyed');
});

await check('core', 'getUpdated and getDeleted', async () => {
  // Windows drop seconds and never cover the current minute; move the emulator's clock on.
  await control('/clock', { advanceSeconds: 120 });
  const start = isoMinutesAgo(5);
  const end = new Date(Date.now() + 5 * 60_000).toISOString();
  const updated = await conn.sobject('Account').updated(start, end);
  assert(updated.ids.includes(accountId), 'updated ids include the account');
  assert(updated.latestDateCovered, 'latestDateCovered');
  const deleted = await conn.sobject('Account').deleted(start, end);
  assert(deleted.deletedRecords.length >= 4, 'deleted records: ' + deleted.deletedRecords.length);
  assert(deleted.earliestDateAvailable && deleted.latestDateCovered, 'dates');
});

await check('core', 'expired session is refreshed transparently', async () => {
  await control('/sessions/expire', {});
  const rec = await conn.sobject('Account').retrieve(accountId);
  assertEq(rec.Id, accountId, 'call after re-login');
});

await check('bulk', 'Bulk 2.0 ingest with results', async () => {
  const input = [];
  for (let i = 0; i < 120; i++) input.push({ LastName: 'Bulk ' + i, Contact_UUID__c: 'bulk-' + i, Email: `b${i}@example.com` });
  input.push({ FirstName: 'missing last name', Contact_UUID__c: 'bulk-x' });
  const res = await conn.bulk2.loadAndWaitForResults({ object: 'Contact', operation: 'insert', input, pollTimeout: 60_000, pollInterval: 200 });
  assertEq(res.successfulResults.length, 120, 'successful rows');
  assertEq(res.failedResults.length, 1, 'failed rows');
  assert(res.failedResults[0].sf__Error.startsWith('REQUIRED_FIELD_MISSING:'), 'sf__Error ' + res.failedResults[0].sf__Error);
  assert(res.successfulResults[0].sf__Id.startsWith('003'), 'sf__Id');
  assertEq(res.successfulResults[0].sf__Created, 'true', 'sf__Created');
  const upsert = await conn.bulk2.loadAndWaitForResults({
    object: 'Contact', operation: 'upsert', externalIdFieldName: 'Contact_UUID__c',
    input: [{ Contact_UUID__c: 'bulk-1', LastName: 'Renamed', Email: null }, { Contact_UUID__c: 'bulk-new', LastName: 'New' }],
    pollTimeout: 60_000, pollInterval: 200,
  });
  assertEq(upsert.successfulResults.length, 2, 'upserted rows');
  const renamed = await conn.sobject('Contact').find({ Contact_UUID__c: 'bulk-1' }).catch(() => null);
  const byRest = await fetch(`${base}/services/data/v${version}/sobjects/Contact/Contact_UUID__c/bulk-1`, { headers: { Authorization: 'Bearer ' + conn.accessToken } }).then((r) => r.json());
  assertEq(byRest.LastName, 'Renamed', 'upsert applied');
  assertEq(byRest.Email, null, 'null from jsforce became #N/A');
  void renamed;
});

await check('bulk', 'Bulk 2.0 ingest job lifecycle by hand', async () => {
  const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });
  await job.open();
  assert(job.id && job.id.startsWith('750'), 'job id');
  await job.uploadData('Name,NumberOfEmployees\nHand 1,10\nHand 2,x\n');
  await job.close();
  await job.poll(200, 60_000);
  const info = await job.check();
  assertEq(info.state, 'JobComplete', 'state');
  assertEq(info.numberRecordsProcessed, 2, 'processed');
  assertEq(info.numberRecordsFailed, 1, 'failed');
  const failed = await job.getFailedResults();
  assertEq(failed.length, 1, 'failed results');
  const unprocessed = await job.getUnprocessedRecords();
  assertEq(unprocessed.length, 0, 'no unprocessed rows');
  await job.delete();
});

await check('bulk', 'Bulk 2.0 job that fails after retries reports errorMessage', async () => {
  await control('/bulk/fail-batches', { count: 11 });
  try {
    await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'insert', input: [{ Name: 'never' }], pollTimeout: 60_000, pollInterval: 200 });
    throw new Error('expected the job to fail');
  } catch (e) {
    assert(/retried 10 times/.test(String(e.message)), 'error message: ' + e.message);
  }
});

await check('query', 'query, relationship paths and COUNT()', async () => {
  const res = await conn.query("SELECT Id, Name, Account.Name FROM Contact WHERE LastName = 'Lovelace'");
  assertEq(res.totalSize, 1, 'totalSize');
  assertEq(res.done, true, 'done');
  assertEq(res.records[0].Account.Name, 'jsforce New', 'parent path');
  const count = await conn.query('SELECT COUNT() FROM Account');
  assert(count.totalSize > 0 && count.records.length === 0, 'COUNT()');
});

await check('query', 'autoFetch pages through more than 2,000 rows', async () => {
  const res = await conn.query('SELECT Id, LastName, Email FROM Contact', { autoFetch: true, maxFetch: 100_000 });
  assert(res.totalSize > 2000, 'totalSize ' + res.totalSize);
  assertEq(res.records.length, res.totalSize, 'every page fetched');
  const ids = new Set(res.records.map((r) => r.Id));
  assertEq(ids.size, res.totalSize, 'no duplicates across pages');
});

await check('query', 'queryAll returns deleted rows', async () => {
  const all = await conn.query('SELECT Id, IsDeleted FROM Account WHERE IsDeleted = true', { scanAll: true });
  assert(all.totalSize >= 4, 'deleted accounts via queryAll: ' + all.totalSize);
  const live = await conn.query('SELECT Id FROM Account WHERE IsDeleted = true');
  assertEq(live.totalSize, 0, 'query hides the recycle bin');
});

await check('query', 'Bulk 2.0 query through jsforce (one result page)', async () => {
  const records = await (await conn.bulk2.query('SELECT Id, Name, Owner.Name FROM Account', { pollTimeout: 60_000, pollInterval: 200 })).toArray();
  const rest = await conn.query('SELECT COUNT() FROM Account');
  assertEq(records.length, rest.totalSize, 'every row');
  assert(records[0].Id.startsWith('001'), 'Id column');
  assert('Owner.Name' in records[0], 'relationship column');
});

// jsforce's QueryJobV2.result() pipes every page into one CSV parser, headers included, so a
// multi-page result reaches its callers with the later pages' header rows as data. Page the way
// `sf data export bulk` does instead: fetch, follow Sforce-Locator until "null", drop the header
// line of every page after the first.
await check('query', 'Bulk 2.0 query pages by Sforce-Locator (as sf data export bulk does)', async () => {
  const api = `${base}/services/data/v${version}/jobs/query`;
  const headers = { Authorization: 'Bearer ' + conn.accessToken, 'Content-Type': 'application/json' };
  const job = await fetch(api, { method: 'POST', headers, body: JSON.stringify({ operation: 'query', query: 'SELECT Id, LastName, Account.Name FROM Contact' }) }).then((r) => r.json());
  assertEq(job.state, 'UploadComplete', 'created state');
  let info;
  for (let i = 0; i < 300; i++) {
    info = await fetch(`${api}/${job.id}`, { headers }).then((r) => r.json());
    if (info.state === 'JobComplete') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assertEq(info.state, 'JobComplete', 'job state');
  const lines = [];
  let locator = '';
  let pages = 0;
  let header;
  do {
    const res = await fetch(`${api}/${job.id}/results?maxRecords=1000${locator ? '&locator=' + locator : ''}`, { headers: { ...headers, Accept: 'text/csv' } });
    assertEq(res.status, 200, 'page status');
    const page = (await res.text()).split('\n').filter((l) => l.length > 0);
    if (header === undefined) header = page[0];
    assertEq(page[0], header, 'every page starts with the header');
    assertEq(Number(res.headers.get('sforce-numberofrecords')), page.length - 1, 'Sforce-NumberOfRecords');
    lines.push(...page.slice(1));
    locator = res.headers.get('sforce-locator');
    assert(locator !== null, 'Sforce-Locator present on every page');
    pages++;
  } while (locator !== 'null');
  assertEq(header, '"Id","LastName","Account.Name"', 'header');
  assertEq(lines.length, info.numberRecordsProcessed, 'all rows over ' + pages + ' pages');
  assert(pages >= 3, 'several pages: ' + pages);
});

await check('query', 'query errors', async () => {
  await expectError(conn.query('SELECT Nope__c FROM Account'), 'INVALID_FIELD', 'unknown field');
  await expectError(conn.query('SELEC Id FROM Account'), 'MALFORMED_QUERY', 'malformed');
});

await check('core', 'logout revokes the token', async () => {
  const token = conn.accessToken;
  await conn.logout();
  const res = await fetch(`${base}/services/data/v${version}/limits`, { headers: { Authorization: 'Bearer ' + token } });
  assertEq(res.status, 401, 'revoked token');
});

const failed = results.filter((r) => !r.ok);
console.log(`\n${results.length - failed.length}/${results.length} checks passed`);
process.exit(failed.length === 0 && results.length > 0 ? 0 : 1);
