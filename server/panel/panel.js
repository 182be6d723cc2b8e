// logout-mocks control panel: a plain ES module over the control API (/__mock). No framework, no build step, no
// request leaves this origin. Each section below reads or changes one part of the API; index.html holds the layout.

const $ = (id) => document.getElementById(id)
const query = new URLSearchParams(location.search)
const token = query.get('token') ?? new URLSearchParams(location.hash.slice(1)).get('token')
const MAX_ROWS = 500
const FAULTS = ['network-error', 'connection-reset', 'hang']

/** Builds an element: attributes (`on…` are listeners, false/null are left out) and children (strings are text). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value)
    else if (name === 'class') el.className = value
    else el.setAttribute(name, value === true ? '' : String(value))
  }
  el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false))
  return el
}

/** Replaces a section's content, keeping which <details> were open and the focus (by id, else on `fallback`). */
function rerender(container, nodes, fallback) {
  const open = new Set([...container.querySelectorAll('details[open][id]')].map((d) => d.id))
  const focused = container.contains(document.activeElement) ? document.activeElement.id || '-' : ''
  container.replaceChildren(...nodes)
  for (const id of open) $(id)?.setAttribute('open', '')
  if (focused) ($(focused) ?? fallback)?.focus()
}

const statusLine = $('status')
function say(message, error = false) {
  statusLine.textContent = message
  statusLine.classList.toggle('error', error)
}

/** One control API call; a problem answer becomes an Error with the problem's detail. */
async function api(path, method = 'GET', body) {
  const headers = { Accept: 'application/json' }
  if (token) headers.Authorization = `Bearer ${token}`
  if (method !== 'GET') headers['Content-Type'] = 'application/json'
  const res = await fetch(path, { method, headers, body: method === 'GET' ? undefined : JSON.stringify(body ?? {}) })
  const data = await res.json().catch(() => null)
  if (!res.ok) throw new Error(data?.detail ?? `${method} ${path} answered ${res.status}`)
  return data
}

/** Runs a user action: its message on success, the API's reason on failure, both in the status line. */
async function act(fn) {
  try {
    const message = await fn()
    if (message) say(message)
  } catch (e) {
    say(e.message, true)
  }
}

const debounce = (fn, ms) => {
  let timer
  return () => {
    clearTimeout(timer)
    timer = setTimeout(fn, ms)
  }
}
const statusClass = (status) => `code s${Math.floor(status / 100)}`
const opKey = (p, op) => `${p.id}.${op.id}`

// ── Catalogue and forcing ────────────────────────────────────────────────────────────────────────────────────────
let catalogue = { providers: [] }

/** A source reference as text, with each URL in it a link. */
function sourceRef(ref) {
  const parts = String(ref ?? '').split(/(https?:\/\/[^\s),;]+)/)
  return parts.map((part, i) => (i % 2 ? h('a', { href: part, target: '_blank', rel: 'noopener noreferrer' }, part) : part))
}

/** "Force for N requests (0: until cleared)": a count, or null for until cleared. */
function times() {
  const n = Number($('times').value || 0)
  if (!Number.isInteger(n) || n < 0) throw new Error('"Force for" must be a whole number of requests (0: until cleared)')
  return n === 0 ? null : n
}
const forHowLong = (n) => (n === null ? 'until cleared' : `for ${n} request${n === 1 ? '' : 's'}`)

function force(body, what) {
  return act(async () => {
    const n = times()
    await api('/__mock/scenarios', 'POST', { ...body, times: n })
    await loadScenarios()
    return `${what} ${forHowLong(n)}`
  })
}

function behaviourRow(p, op, b) {
  const source = b.source ?? {}
  const row = h(
    'div',
    { class: 'behaviour', 'data-search': [b.id, b.status, b.title, b.trigger, source.kind, op.path].join(' ').toLowerCase() },
    h('span', { class: statusClass(b.status) }, String(b.status)),
    h('div', {}, h('span', { class: 'id' }, b.id), ' ', b.title),
    h('button', {
      type: 'button',
      class: 'force',
      'aria-label': `Force ${b.id}`,
      disabled: !b.forceable,
      title: b.forceable ? null : 'this behaviour cannot be forced',
      onclick: () => force({ behaviour: b.id }, `Forced ${b.id}`),
    }, 'Force'),
    h(
      'div',
      { class: 'meta' },
      h('span', { class: `tag ${source.kind}` }, source.kind ?? '?'),
      ' ',
      b.trigger ? `When: ${b.trigger}. ` : '',
      source.option ? `Option: ${source.option}. ` : '',
      source.ref ? h('span', {}, 'Source: ', sourceRef(source.ref)) : null,
    ),
  )
  return row
}

function operationControls(p, op) {
  const key = opKey(p, op)
  const fault = h('select', { 'aria-label': `Fault for ${key}` }, FAULTS.map((f) => h('option', { value: f }, f)))
  const delay = h('input', { type: 'number', min: 0, step: 100, value: 1000, size: 6, 'aria-label': `Delay for ${key}, in milliseconds` })
  return h(
    'div',
    { class: 'opctl' },
    fault,
    h('button', { type: 'button', 'aria-label': `Fault ${key}`, onclick: () => force({ operation: key, fault: fault.value }, `Fault ${fault.value} on ${key}`) }, 'Apply fault'),
    delay,
    h('button', { type: 'button', 'aria-label': `Delay ${key}`, onclick: () => force({ operation: key, delayMs: Number(delay.value) }, `Delay ${delay.value} ms on ${key}`) }, 'Delay (ms)'),
  )
}

function renderCatalogue() {
  $('catalogue').replaceChildren(
    ...catalogue.providers.map((p) =>
      h(
        'details',
        { class: 'provider', open: true },
        h('summary', {}, `${p.title} `, h('span', { class: 'hint' }, `${p.id} · ${p.baseUrl}`)),
        p.operations.map((op) =>
          h(
            'details',
            { class: 'op', open: true },
            h('summary', {}, h('span', { class: 'method' }, op.method), ` ${op.path} `, h('span', { class: 'hint' }, `${op.id} · ${op.behaviours.length}`)),
            op.behaviours.map((b) => behaviourRow(p, op, b)),
            operationControls(p, op),
          ),
        ),
      ),
    ),
  )
}

/** The search box: every word must appear in a behaviour's id, status, title, trigger or source kind. */
function filterCatalogue() {
  const words = $('search').value.toLowerCase().split(/\s+/).filter(Boolean)
  for (const provider of $('catalogue').querySelectorAll('details.provider')) {
    let providerHits = 0
    for (const op of provider.querySelectorAll('details.op')) {
      let hits = 0
      for (const row of op.querySelectorAll('.behaviour')) {
        const hit = words.every((w) => row.dataset.search.includes(w))
        row.hidden = !hit
        if (hit) hits++
      }
      op.hidden = hits === 0
      if (hits > 0) op.open = true
      providerHits += hits
    }
    provider.hidden = providerHits === 0
    if (words.length > 0) provider.open = providerHits > 0
  }
}

// ── Active scenarios ─────────────────────────────────────────────────────────────────────────────────────────────
async function loadScenarios() {
  const { scenarios } = await api('/__mock/scenarios')
  const items = scenarios.map((s) => {
    const what = s.behaviour ?? (s.fault ? `${s.fault} on ${s.operation}` : `${s.delayMs} ms delay on ${s.operation}`)
    const left = s.remaining === null ? 'until cleared' : `${s.remaining} left`
    return h(
      'li',
      {},
      h('span', {}, h('span', { class: 'id' }, what), ` — ${left}`),
      h('button', { type: 'button', id: `clear-scenario-${s.id}`, 'aria-label': `Clear ${what}`, onclick: () => act(async () => (await api(`/__mock/scenarios/${s.id}`, 'DELETE'), await loadScenarios(), `Cleared ${what}`)) }, 'Clear'),
    )
  })
  rerender($('scenarios'), items.length ? items : [h('li', { class: 'hint' }, 'None: every request gets its natural response.')], $('clear-scenarios'))
}

// ── Live journal ─────────────────────────────────────────────────────────────────────────────────────────────────
const tbody = $('journal')
const rowEntry = new WeakMap()
let stream = null
let lastSeq = 0
let reconnect = null

const journalFilters = () => ({ provider: $('filter-provider').value, status: $('filter-status').value.trim(), behaviour: $('filter-behaviour').value.trim() })

/** The same filter semantics as GET /__mock/requests, on the rows already shown. */
function matches(e, f = journalFilters()) {
  if (f.provider && e.provider !== f.provider) return false
  if (f.status) {
    const cls = /^([1-5])xx$/i.exec(f.status)
    if (cls ? Math.floor(e.status / 100) !== Number(cls[1]) : e.status !== Number(f.status)) return false
  }
  if (f.behaviour && !(f.behaviour.endsWith('.') ? (e.behaviour ?? '').startsWith(f.behaviour) : e.behaviour === f.behaviour)) return false
  return true
}

/** Whether the journal shows every lane's requests (`lanes=all`) rather than the panel's own lane's. */
const allLanes = () => $('all-lanes').checked

function queryString(extra) {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries({ ...journalFilters(), ...(allLanes() ? { lanes: 'all' } : {}), ...extra })) if (v !== '' && v !== null && v !== undefined) q.set(k, String(v))
  return q.toString()
}

function addRow(e) {
  const time = e.at.slice(11, 23)
  const row = h(
    'tr',
    { tabindex: 0, 'aria-controls': 'detail', onclick: () => showDetail(row), onkeydown: (ev) => (ev.key === 'Enter' || ev.key === ' ') && (ev.preventDefault(), showDetail(row)) },
    h('td', {}, h('time', { datetime: e.at }, time)),
    h('td', { class: 'lane' }, e.lane),
    h('td', { class: 'method' }, e.method),
    h('td', { class: 'path' }, e.url),
    h('td', { class: statusClass(e.status) }, e.status === 0 ? `0 ${e.fault ?? 'closed'}` : String(e.status)),
    h('td', { class: 'beh' }, e.behaviour ?? '—', e.forced ? h('span', { class: 'hint' }, ` (forced: ${e.forced})`) : null),
  )
  rowEntry.set(row, e)
  row.hidden = !matches(e)
  tbody.prepend(row)
  while (tbody.children.length > MAX_ROWS) tbody.lastElementChild.remove()
}

function message(title, m, bodyLimit) {
  let body = m.body ?? (bodyLimit === 0 ? '(bodies are not kept: journal body limit 0)' : '(no body)')
  if (m.truncatedFrom) body += `\n… cut: ${m.truncatedFrom} bytes, the journal keeps ${bodyLimit}`
  else {
    try {
      body = JSON.stringify(JSON.parse(body), null, 2)
    } catch {
      /* not JSON: shown as sent */
    }
  }
  return h('div', {}, h('h3', {}, title), h('pre', { tabindex: 0 }, m.headers.map(([n, v]) => `${n}: ${v}`).join('\n') || '(no headers)'), h('pre', { tabindex: 0 }, body))
}

let bodyLimit = 0
function showDetail(row) {
  const e = rowEntry.get(row)
  for (const r of tbody.querySelectorAll('tr.selected')) r.classList.remove('selected')
  row.classList.add('selected')
  const detail = $('detail')
  const x = e.exchange
  detail.replaceChildren(
    x ? message(`Request: ${e.method} ${e.url}`, x.request, bodyLimit) : h('p', {}, 'No exchange kept for this request.'),
    x ? message(`Response: ${e.status} ${e.behaviour ?? ''}`, x.response, bodyLimit) : null,
  )
  detail.hidden = false
}

function setLive(on, text = on ? 'live' : 'reconnecting…') {
  $('live').textContent = text
  $('live').classList.toggle('on', on)
}

/** Rows from the list, then the stream from the last sequence number the list saw, so nothing falls between. */
async function loadJournal() {
  setLive(false, 'connecting…')
  clearTimeout(reconnect)
  stream?.close()
  stream = null
  const data = await api(`/__mock/requests?${queryString({ limit: 200 })}`)
  bodyLimit = data.bodyLimit
  tbody.replaceChildren()
  $('detail').hidden = true
  for (const e of data.entries) addRow(e)
  // Sequence numbers are per lane: across every lane the stream starts from now.
  const every = allLanes()
  lastSeq = every ? 0 : data.total
  const es = new EventSource(`/__mock/requests/stream?${queryString(every ? { token } : { since: lastSeq, token })}`)
  stream = es
  es.onopen = () => setLive(true)
  es.addEventListener('request', (ev) => {
    const e = JSON.parse(ev.data)
    // One connection sends increasing numbers; a lower one means the journal was reset elsewhere and restarted.
    if (!every) {
      if (e.seq <= lastSeq) tbody.replaceChildren()
      lastSeq = e.seq
    }
    addRow(e)
    refreshSoon()
  })
  const retry = () => {
    es.close()
    if (stream !== es) return
    setLive(false)
    reconnect = setTimeout(() => act(loadJournal), 2000)
  }
  es.addEventListener('dropped', retry)
  es.onerror = retry
}

const reloadJournal = debounce(() => act(loadJournal), 400)
$('all-lanes').addEventListener('change', () => act(loadJournal))

// ── Lanes ────────────────────────────────────────────────────────────────────────────────────────────────────────
/** The panel's lane (from GET /__mock) and the server's lanes; entering one sets the lane cookie and reloads. */
async function loadLanes() {
  const [index, { lanes, maxLanes }] = await Promise.all([api('/__mock'), api('/__mock/lanes')])
  $('lane').value = index.lane
  $('lane-list').replaceChildren(...lanes.map((l) => h('option', { value: l.id }, `${l.id} · ${l.liveSessions} sessions · ${l.journalSize} requests`)))
  $('lane-help').textContent = `${lanes.length} of ${maxLanes} lanes`
  document.body.dataset.lane = index.lane
}
$('lane-form').addEventListener('submit', (ev) => {
  ev.preventDefault()
  const id = $('lane').value.trim()
  location.assign(`/__mock/lanes/${encodeURIComponent(id)}/enter`)
})
for (const id of ['filter-provider', 'filter-status', 'filter-behaviour']) {
  $(id).addEventListener('input', () => {
    for (const row of tbody.children) row.hidden = !matches(rowEntry.get(row))
    reloadJournal()
  })
}

// ── Coverage ─────────────────────────────────────────────────────────────────────────────────────────────────────
function bar(served, total) {
  const fill = h('span')
  fill.style.width = `${total ? (100 * served) / total : 0}%`
  return h('div', { class: 'bar', 'aria-hidden': 'true' }, fill)
}

async function loadCoverage() {
  const report = await api('/__mock/coverage')
  rerender(
    $('coverage'),
    catalogue.providers.filter((p) => report.providers[p.id]).map((p) => {
      const c = report.providers[p.id]
      const ops = Object.entries(c.operations)
        .map(([id, entries]) => ({ id, docs: entries.filter((e) => e.source === 'documented') }))
        .filter((o) => o.docs.length > 0)
      return h(
        'div',
        { class: 'cov', id: `cov-${p.id}` },
        h('div', { class: 'cov-head' }, h('strong', {}, p.title), ' ', h('span', { class: 'cov-text' }, `${c.documented.served}/${c.documented.total} documented`)),
        bar(c.documented.served, c.documented.total),
        h(
          'details',
          { id: `cov-${p.id}-ops` },
          h('summary', { id: `cov-${p.id}-summary` }, `Per operation; ${c.missingDocumented.length} documented never served`),
          h('table', { class: 'cov-ops' }, h('caption', { class: 'visually-hidden' }, `${p.title}: documented behaviours served per operation`), ops.map((o) => {
            const served = o.docs.filter((e) => e.served).length
            return h('tr', {}, h('th', { scope: 'row', class: 'method' }, o.id), h('td', {}, bar(served, o.docs.length)), h('td', {}, `${served}/${o.docs.length} documented`))
          })),
          h('ul', { 'aria-label': `${p.title}: documented behaviours never served` }, c.missingDocumented.map((id) => h('li', {}, id))),
        ),
      )
    }),
  )
}

// ── Clock ────────────────────────────────────────────────────────────────────────────────────────────────────────
let clock = { epochMs: Date.now(), frozen: true, at: performance.now() }
const clockNow = () => clock.epochMs + (clock.frozen ? 0 : performance.now() - clock.at)

function showClock() {
  const iso = new Date(clockNow()).toISOString()
  const el = $('clock-now')
  el.dateTime = iso
  el.textContent = `${iso.slice(0, 19).replace('T', ' ')} UTC${clock.frozen ? ' (frozen)' : ''}`
}

function setClock(view) {
  clock = { epochMs: view.epochMs, frozen: view.frozen, at: performance.now() }
  if (document.activeElement !== $('clock-input')) $('clock-input').value = new Date(view.epochMs).toISOString().slice(0, 19)
  showClock()
}
const loadClock = async () => setClock(await api('/__mock/clock'))
setInterval(showClock, 1000)

for (const button of document.querySelectorAll('[data-advance]')) {
  button.addEventListener('click', () =>
    act(async () => {
      setClock(await api('/__mock/clock', 'POST', { advanceMs: Number(button.dataset.advance) }))
      return `Clock advanced ${button.textContent}`
    }),
  )
}
$('clock-set').addEventListener('submit', (ev) => {
  ev.preventDefault()
  act(async () => {
    const t = Date.parse(`${$('clock-input').value}Z`)
    if (Number.isNaN(t)) throw new Error('Give a date and time to set the clock to')
    setClock(await api('/__mock/clock', 'POST', { set: new Date(t).toISOString() }))
    return `Clock set to ${new Date(t).toISOString()}`
  })
})

// ── Sessions and model state ─────────────────────────────────────────────────────────────────────────────────────
const shellQuote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`

/** The request a curl line should make: a current-user GET, else a GET with no parameters, else the logout URL. */
function curlTarget(provider, creds) {
  const concrete = provider.operations.filter((op) => op.method === 'GET' && !/[:*]/.test(op.path))
  const op = concrete.find((o) => /(^|[^a-z])(me|whoami)$|whoami|toSession$/i.test(`${o.id} ${o.path}`)) ?? concrete[0]
  if (op) return { method: 'GET', url: op.url }
  if (typeof creds.logoutUrl === 'string') {
    const path = new URL(creds.logoutUrl).pathname
    const match = provider.operations.find((o) => new RegExp(`^${new URL(o.url).pathname.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+').replace(/\*/g, '.*')}$`).test(path))
    return { method: match?.method ?? 'GET', url: creds.logoutUrl }
  }
  const first = provider.operations[0]
  return { method: first.method, url: first.url }
}

function copyBlock(label, text) {
  const code = h('code', { tabindex: 0 }, text)
  const copy = () =>
    act(async () => {
      try {
        await navigator.clipboard.writeText(text)
        return `Copied ${label}`
      } catch {
        getSelection().selectAllChildren(code)
        return document.execCommand('copy') ? `Copied ${label}` : `${label} selected: press Ctrl+C to copy`
      }
    })
  return h('div', { class: 'cred' }, h('div', { class: 'cred-head' }, h('strong', {}, label), ' ', h('button', { type: 'button', 'aria-label': `Copy ${label}`, onclick: copy }, 'Copy')), code)
}

function renderCredentials(provider, creds) {
  const headers = { ...(creds.headers ?? {}) }
  const cookies = Object.entries(creds.cookies ?? {}).map(([n, v]) => `${n}=${v}`).join('; ')
  const cookieHeader = headers.Cookie ?? headers.cookie ?? cookies
  if (cookieHeader && !headers.Cookie && !headers.cookie) headers.Cookie = cookieHeader
  const auth = /^Bearer\s+(\S.*)$/i.exec(headers.Authorization ?? headers.authorization ?? '')
  const bearer = auth?.[1] ?? (typeof creds.sessionToken === 'string' ? creds.sessionToken : null)
  const target = curlTarget(provider, creds)
  const curl = ['curl -i', target.method === 'GET' ? null : `-X ${target.method}`, shellQuote(target.url), ...Object.entries(headers).map(([n, v]) => `-H ${shellQuote(`${n}: ${v}`)}`)].filter(Boolean).join(' ')
  const other = Object.entries(headers).filter(([n]) => !/^(cookie|authorization)$/i.test(n))
  $('credentials').replaceChildren(
    h(
      'div',
      {},
      h('p', { class: 'hint' }, `${creds.provider}: ${creds.user}`),
      cookieHeader ? copyBlock('Cookie header', `Cookie: ${cookieHeader}`) : null,
      bearer ? copyBlock('Bearer token', bearer) : null,
      other.length ? copyBlock('Headers', other.map(([n, v]) => `${n}: ${v}`).join('\n')) : null,
      copyBlock('curl line', curl),
    ),
  )
}

async function loadState() {
  const provider = $('session-provider').value
  $('state-provider').textContent = provider
  const state = await api('/__mock/state')
  $('state').textContent = JSON.stringify(state[provider] ?? null, null, 2)
}

$('session-provider').addEventListener('change', () => act(loadState))
$('session-form').addEventListener('submit', (ev) => {
  ev.preventDefault()
  act(async () => {
    const provider = catalogue.providers.find((p) => p.id === $('session-provider').value)
    const user = $('session-user').value.trim()
    const creds = await api('/__mock/sessions', 'POST', { provider: provider.id, user })
    renderCredentials(provider, creds)
    await loadState()
    return `Credentials minted for ${user} on ${provider.title}`
  })
})

// ── Everything together ──────────────────────────────────────────────────────────────────────────────────────────
const refreshSoon = debounce(() => act(async () => void (await Promise.all([loadCoverage(), loadScenarios(), $('state').closest('details').open ? loadState() : null]))), 250)

const loadAll = () => Promise.all([loadLanes(), loadScenarios(), loadCoverage(), loadClock(), loadState(), loadJournal()])

$('reset').addEventListener('click', () =>
  act(async () => {
    await api('/__mock/reset', 'POST')
    $('credentials').replaceChildren()
    await loadAll()
    return `Reset lane ${document.body.dataset.lane}: fixtures, sessions, clock, scenarios, journal and coverage are back to the start`
  }),
)
$('clear-scenarios').addEventListener('click', () => act(async () => (await api('/__mock/scenarios', 'DELETE'), await loadScenarios(), 'All scenarios cleared')))
$('search').addEventListener('input', filterCatalogue)

act(async () => {
  catalogue = await api('/__mock/catalogue')
  renderCatalogue()
  const options = catalogue.providers.map((p) => h('option', { value: p.id }, p.title))
  $('session-provider').replaceChildren(...options)
  $('filter-provider').append(...options.map((o) => o.cloneNode(true)))
  await loadAll()
  document.body.dataset.ready = 'true'
})
