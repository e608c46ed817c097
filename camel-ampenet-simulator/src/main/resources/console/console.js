/*
 * The simulator console: what the routes sent, to whom, and what the API answered.
 *
 * No framework and no build step: this file is served as it is from the simulator's jar.
 * Live updates: it polls GET /__simulator/summary every second (a few hundred bytes: counts, balances, faults and a
 * revision number that moves whenever anything changed) and fetches the visible list again only when the revision
 * moved, so an idle page costs the simulator one tiny call a second and holds no connection open.
 * Thousands of messages: lists are pages (offset/limit, newest first, with a total) fetched from the control API.
 * Safety: everything comes from the control API, which never holds a token (the journal masks it), and data is
 * put into the page as text nodes only, never as HTML; the page's Content-Security-Policy backs that up.
 * Read-only except the fault switches and reset, which are the control API's own calls.
 */
(function () {
  'use strict';

  const CONTROL = '/__simulator';
  const POLL_MILLIS = 1000;
  const HIDDEN_POLL_MILLIS = 5000;

  const ui = {
    tab: 'outbox',
    account: '', // '' = all accounts
    revision: null, // the revision of what is on screen
    summary: null,
    outbox: { offset: 0, limit: 50, q: '', total: 0, rows: [], selected: null, seen: null, seq: 0, lastTotal: null, newer: 0 },
    journal: { offset: 0, limit: 50, errors: false, total: 0, rows: [], selected: null, seq: 0 },
    contacts: { offset: 0, limit: 100, total: 0, group: null, seq: 0 },
    groups: [],
    groupSeq: 0,
    detail: { outbox: { seq: 0, key: null }, journal: { seq: 0, key: null } },
    randomDirty: false,
    accountsKey: null,
  };

  // ---- small helpers ----------------------------------------------------------------------------------------

  const $ = (id) => document.getElementById(id);
  const nf = new Intl.NumberFormat('en-US');
  const pad = (n) => String(n).padStart(2, '0');

  /** Builds an element; strings become text nodes, so nothing from the API is ever parsed as HTML. */
  function el(tag, props, children) {
    const e = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (v == null || v === false) continue;
        if (k === 'text') e.textContent = v;
        else if (k === 'class') e.className = v;
        else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const c of [].concat(children == null ? [] : children)) {
      if (c != null) e.append(c instanceof Node ? c : String(c));
    }
    return e;
  }

  async function call(method, path, params, body) {
    const url = new URL(CONTROL + path, location.origin);
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== '' && v != null && v !== false) url.searchParams.set(k, v);
    }
    const init = { method, cache: 'no-store', headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await fetch(url, init);
    let data = null;
    try {
      data = await res.json();
    } catch (e) {
      data = null;
    }
    if (!res.ok) {
      const err = new Error((data && data.error) || 'HTTP ' + res.status);
      err.status = res.status;
      throw err;
    }
    return data;
  }

  const get = (path, params) => call('GET', path, params);

  /** Java's Instant has nanoseconds; Date wants milliseconds. */
  function parseTime(iso) {
    if (!iso) return null;
    const d = new Date(String(iso).replace(/(\.\d{3})\d+/, '$1'));
    return isNaN(d.getTime()) ? null : d;
  }

  function fmtTime(iso) {
    const d = parseTime(iso);
    if (!d) return '';
    const time = pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
    if (d.toDateString() === new Date().toDateString()) return time;
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + time.slice(0, 5);
  }

  /** Local date and time to the millisecond, with the offset, so it can be matched with a route's log. */
  function fmtFull(iso) {
    const d = parseTime(iso);
    if (!d) return iso || '';
    const off = -d.getTimezoneOffset();
    const zone = 'UTC' + (off < 0 ? '−' : '+') + pad(Math.floor(Math.abs(off) / 60)) + ':' + pad(Math.abs(off) % 60);
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':'
      + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + '.' + String(d.getMilliseconds()).padStart(3, '0') + ' ' + zone;
  }

  const fmtBalance = (a) => (a.unlimited ? 'Unlimited' : nf.format(Number(a.balance)));
  const fmtEncoding = (e) => ({ GSM_7: 'GSM-7', UCS_2: 'UCS-2' }[e] || e || '');
  const plural = (n, word) => nf.format(n) + ' ' + word + (n === 1 ? '' : 's');

  function statusClass(status) {
    const s = String(status || '').toLowerCase();
    if (s === 'delivered') return 'ok';
    if (/fail|undeliver|reject|expire|error|block/.test(s)) return 'bad';
    if (/schedul|queue|pending|sent|enroute/.test(s)) return 'info';
    return '';
  }

  const badge = (text, cls) => el('span', { class: 'badge ' + (cls || ''), text });

  /** JSON bodies are shown indented; anything else as it came. */
  function pretty(text) {
    if (text == null || text === '') return '';
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch (e) {
      return text;
    }
  }

  function kv(pairs) {
    const dl = el('dl', { class: 'kv' });
    for (const [k, v] of pairs) {
      if (v == null || v === '') continue;
      dl.append(el('dt', { text: k }), el('dd', null, v));
    }
    return dl;
  }

  let noticeTimer = null;
  function notice(text, isError) {
    const n = $('notice');
    n.textContent = text;
    n.className = 'notice' + (isError ? ' error' : '');
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { n.textContent = ''; }, isError ? 8000 : 4000);
  }

  /** Re-renders a list without losing the keyboard focus on the row the user is on. */
  function replaceRows(tbody, rows, keyAttr) {
    const focused = document.activeElement;
    const key = focused && tbody.contains(focused) ? focused.getAttribute(keyAttr) : null;
    tbody.replaceChildren(...rows);
    if (key != null) {
      const again = rows.find((r) => r.getAttribute(keyAttr) === key);
      if (again) again.focus({ preventScroll: true });
    }
  }

  function setPager(list, offset, limit, total, shown) {
    const pager = document.querySelector('.pager[data-list="' + list + '"]');
    const range = pager.querySelector('.range');
    range.textContent = total === 0 ? '0 of 0'
      : nf.format(offset + 1) + '–' + nf.format(offset + shown) + ' of ' + nf.format(total);
    pager.querySelector('[data-page="first"]').disabled = offset === 0;
    pager.querySelector('[data-page="prev"]').disabled = offset === 0;
    pager.querySelector('[data-page="next"]').disabled = offset + limit >= total;
  }

  // ---- summary: header, counts, faults ----------------------------------------------------------------------

  function applySummary(s) {
    ui.summary = s;
    $('profile').textContent = s.profile;
    $('base-url').textContent = s.baseUrl;
    document.querySelectorAll('.base-url-copy').forEach((e) => { e.textContent = s.baseUrl; });
    syncAccounts(s.accounts);
    const shown = ui.account ? s.accounts.filter((a) => String(a.id) === ui.account) : s.accounts;
    $('balance').textContent = shown.length === 1 ? fmtBalance(shown[0])
      : shown.map((a) => '#' + a.id + ' ' + fmtBalance(a)).join(' · ');
    if (!ui.account) $('count-outbox').textContent = nf.format(s.messages);
    $('count-journal').textContent = nf.format(s.journalSize);
    const errors = $('count-errors');
    errors.hidden = s.journalErrors === 0;
    errors.textContent = plural(s.journalErrors, 'error');
    $('count-groups').textContent = nf.format(shown.reduce((n, a) => n + a.groups, 0));
    renderFaultState(s);
    renderServerInfo(s);
    if (!ui.randomDirty) fillRandomForm(s.faults);
  }

  function syncAccounts(accounts) {
    const key = accounts.map((a) => a.id + ':' + a.maskedToken).join(',');
    if (key === ui.accountsKey) return;
    ui.accountsKey = key;
    const select = $('account');
    const options = [el('option', { value: '', text: accounts.length === 1 ? 'All (one account)' : 'All accounts' })];
    for (const a of accounts) {
      options.push(el('option', { value: String(a.id), text: '#' + a.id + ' · ' + a.maskedToken }));
    }
    select.replaceChildren(...options);
    if (ui.account && !accounts.some((a) => String(a.id) === ui.account)) ui.account = ''; // gone after a reset
    select.value = ui.account;
  }

  const FAULT_NAMES = {
    'http-500': 'HTTP 500', 'drop-before': 'Drop before acting', 'drop-after': 'Drop after acting', throttle: 'Too Many Attempts',
    'html-after': 'HTML warnings after acting', 'error-after': 'Error envelope after acting',
    'truncated-after': 'Truncated body after acting',
  };
  const pct = (rate) => Math.round(rate * 1000) / 10 + '%';
  const under = (path) => (path ? ' under ' + path : '');

  function armed(s) {
    const f = s.faults;
    const p = s.pendingFaults;
    return f.latencyMillis > 0 || f.jitterMillis > 0 || f.http500Rate > 0 || f.dropBeforeRate > 0 || f.dropAfterRate > 0
      || f.htmlAfterRate > 0 || f.errorAfterRate > 0 || f.truncatedAfterRate > 0
      || p.queued.length > 0 || p.throttleNextRequests > 0 || p.throttleMillisLeft > 0;
  }

  function renderFaultState(s) {
    const f = s.faults;
    const p = s.pendingFaults;
    const items = [];
    if (f.latencyMillis > 0 || f.jitterMillis > 0) {
      items.push('Latency ' + f.latencyMillis + ' ms' + (f.jitterMillis ? ' + 0–' + f.jitterMillis + ' ms jitter' : '') + under(f.path));
    }
    if (f.http500Rate > 0) items.push('HTTP 500 on ' + pct(f.http500Rate) + ' of requests' + under(f.path));
    if (f.dropBeforeRate > 0) items.push('Dropped before acting: ' + pct(f.dropBeforeRate) + under(f.path));
    if (f.dropAfterRate > 0) items.push('Dropped after acting: ' + pct(f.dropAfterRate) + under(f.path));
    if (f.htmlAfterRate > 0) items.push('HTML warnings after acting: ' + pct(f.htmlAfterRate) + under(f.path));
    if (f.errorAfterRate > 0) items.push('Error envelope after acting: ' + pct(f.errorAfterRate) + under(f.path));
    if (f.truncatedAfterRate > 0) items.push('Truncated body after acting: ' + pct(f.truncatedAfterRate) + under(f.path));
    for (const q of p.queued) {
      items.push((FAULT_NAMES[q.fault] || q.fault) + ' for the next ' + plural(q.remaining, 'request') + under(q.path));
    }
    if (p.throttleNextRequests > 0) items.push('Too Many Attempts for the next ' + plural(p.throttleNextRequests, 'request'));
    if (p.throttleMillisLeft > 0) items.push('Throttling every request for ' + Math.ceil(p.throttleMillisLeft / 1000) + ' s more');
    const list = items.length ? items.map((t) => el('li', { text: t }))
      : [el('li', { class: 'none', text: 'Nothing armed: every API request is answered normally.' })];
    $('fault-state').replaceChildren(...list);
    $('fault-flag').hidden = !armed(s);
  }

  function renderServerInfo(s) {
    const bugs = el('div');
    for (const [name, on] of Object.entries(s.bugs)) {
      bugs.append(el('div', null, [badge(on ? 'on' : 'off', on ? 'warn' : ''), ' ', name]));
    }
    $('server-info').replaceChildren(...kv([
      ['Profile', s.profile],
      ['Rate limit', s.throttled ? s.rateLimitPerMinute + ' requests/min per account' : 'none (no throttle before v3.8)'],
      ['Web server', s.hostKind === 'nginx' ? 'nginx (a trailing slash is ignored)' : 'Apache (a trailing slash gets a 301)'],
      ['Base URL', el('code', { text: s.baseUrl })],
      ['Control API', el('a', { href: CONTROL, text: s.controlUrl })],
      ['Server bugs', bugs],
    ]).childNodes);
  }

  function fillRandomForm(f) {
    const form = $('form-random');
    for (const name of ['latencyMillis', 'jitterMillis', 'http500Rate', 'dropBeforeRate', 'dropAfterRate', 'htmlAfterRate',
      'errorAfterRate', 'truncatedAfterRate', 'seed']) {
      if (document.activeElement !== form.elements[name]) form.elements[name].value = f[name];
    }
    if (document.activeElement !== form.elements.path) form.elements.path.value = f.path || '';
  }

  // ---- outbox -----------------------------------------------------------------------------------------------

  /** @param flash mark rows that were not there before (a live update), not rows reached by paging or searching */
  async function loadOutbox(flash) {
    const o = ui.outbox;
    const seq = ++o.seq;
    const data = await get('/outbox', { offset: o.offset, limit: o.limit, account: ui.account, q: o.q });
    if (seq !== o.seq) return;
    if (data.messages.length === 0 && o.offset > 0) { // the page fell off the end (reset, filter): show the last one
      o.offset = data.total > 0 ? Math.floor((data.total - 1) / o.limit) * o.limit : 0;
      return loadOutbox(false);
    }
    if (o.offset > 0 && o.lastTotal != null && data.total > o.lastTotal) o.newer += data.total - o.lastTotal;
    o.lastTotal = data.total;
    o.total = data.total;
    o.rows = data.messages;
    renderOutbox(flash);
  }

  function renderOutbox(flash) {
    const o = ui.outbox;
    if (o.seen === null || o.seen.size > 20000) o.seen = new Set();
    if (!flash) o.rows.forEach((m) => o.seen.add(m.uid));
    const rows = o.rows.map((m) => {
      const incoming = m.direction === 'incoming';
      const tr = el('tr', { tabindex: '0', 'data-uid': m.uid, class: m.uid === o.selected ? 'selected' : null }, [
        el('td', { title: fmtFull(m.createdAt), text: fmtTime(m.createdAt) }),
        el('td', { class: 'mono', text: m.to }),
        el('td', { class: 'mono', text: m.from || '' }),
        el('td', { title: m.text }, [incoming ? el('span', { class: 'dir-in', text: 'IN' }) : null, m.text]),
        el('td', { text: fmtEncoding(m.encoding) }),
        el('td', { class: 'num', text: m.segments }),
        el('td', { class: 'num', text: m.cost }),
        el('td', null, badge(m.status, statusClass(m.status))),
      ]);
      if (!o.seen.has(m.uid)) {
        tr.classList.add('fresh'); // a short highlight, then the class goes so a re-render does not replay it
        tr.addEventListener('animationend', () => tr.classList.remove('fresh'), { once: true });
        o.seen.add(m.uid);
      }
      return tr;
    });
    replaceRows($('outbox-rows'), rows, 'data-uid');
    const empty = $('outbox-empty');
    empty.hidden = o.total > 0;
    if (o.total === 0 && o.q) empty.replaceChildren(el('p', { text: 'No message matches “' + o.q + '”.' }));
    else if (o.total === 0) restoreOutboxEmpty();
    if (ui.account) $('count-outbox').textContent = nf.format(o.total);
    setPager('outbox', o.offset, o.limit, o.total, o.rows.length);
    const flag = $('outbox-new');
    flag.hidden = !(o.offset > 0 && o.newer > 0);
    flag.textContent = '↑ ' + plural(o.newer, 'newer message');
  }

  let outboxEmptyTemplate = null;
  function restoreOutboxEmpty() {
    const empty = $('outbox-empty');
    if (outboxEmptyTemplate) empty.replaceChildren(...outboxEmptyTemplate.map((n) => n.cloneNode(true)));
    empty.querySelectorAll('.base-url-copy').forEach((e) => { e.textContent = ui.summary ? ui.summary.baseUrl : ''; });
  }

  function openMessage(uid) {
    ui.outbox.selected = uid;
    for (const tr of $('outbox-rows').children) tr.classList.toggle('selected', tr.getAttribute('data-uid') === uid);
    $('message-detail').hidden = false;
    loadMessage(uid, true).catch(showError);
  }

  async function loadMessage(uid, force) {
    const d = ui.detail.outbox;
    const seq = ++d.seq;
    let m;
    try {
      m = await get('/messages/' + encodeURIComponent(uid));
    } catch (e) {
      if (e.status !== 404) throw e;
      if (seq === d.seq) {
        d.key = null;
        $('message-body').replaceChildren(el('p', { class: 'muted', text: 'This message is gone: the simulator was reset.' }));
      }
      return;
    }
    const key = JSON.stringify(m);
    if (seq !== d.seq || (!force && key === d.key)) return; // unchanged: keep the pane (and its scroll) as it is
    let request = null;
    let requestProblem = null;
    if (m.requestId > 0) {
      try {
        request = await get('/journal/' + m.requestId);
      } catch (e) {
        requestProblem = e.status === 404
          ? 'Request #' + m.requestId + ' is no longer in the journal (it keeps the newest requests; reset and DELETE empty it).'
          : e.message;
      }
    } else {
      requestProblem = 'Not created by an API request: an inbound message added through the control API.';
    }
    if (seq !== d.seq) return;
    d.key = key;
    const body = $('message-body');
    const scroll = force ? 0 : body.scrollTop;
    const requestLink = m.requestId > 0
      ? el('button', { type: 'button', class: 'link', text: '#' + m.requestId + ' in the journal', onclick: () => showInJournal(m.requestId) })
      : null;
    body.replaceChildren(
      el('pre', { class: 'message-text', id: 'message-text', text: m.text }),
      kv([
        ['Status', badge(m.status, statusClass(m.status))],
        ['To', el('span', { class: 'mono', text: m.to })],
        ['From', el('span', { class: 'mono', text: m.from || '(none)' })],
        ['Direction', m.direction],
        ['Type', m.type],
        ['Encoding', fmtEncoding(m.encoding)],
        ['Segments', String(m.segments)],
        ['Cost', m.cost + (m.cost === '1' ? ' unit' : ' units')],
        ['Created', fmtFull(m.createdAt)],
        ['Scheduled for', m.scheduledFor ? fmtFull(m.scheduledFor) : null],
        ['Campaign', m.campaignUid],
        ['Account', '#' + m.accountId],
        ['UID', el('span', { class: 'mono', text: m.uid })],
        ['Request', requestLink],
      ]),
      el('h3', { text: 'The request that created it' }),
      request ? renderRequest(request) : el('p', { class: 'muted', text: requestProblem }),
    );
    body.scrollTop = scroll;
  }

  function showInJournal(id) {
    setTab('journal');
    openJournal(id);
  }

  // ---- journal ----------------------------------------------------------------------------------------------

  async function loadJournal() {
    const j = ui.journal;
    const seq = ++j.seq;
    const data = await get('/journal', { order: 'newest', offset: j.offset, limit: j.limit, account: ui.account, errors: j.errors ? 'true' : '' });
    if (seq !== j.seq) return;
    if (data.entries.length === 0 && j.offset > 0) {
      j.offset = data.total > 0 ? Math.floor((data.total - 1) / j.limit) * j.limit : 0;
      return loadJournal();
    }
    j.total = data.total;
    j.rows = data.entries;
    const rows = j.rows.map((e) => {
      const classes = [e.error ? 'err' : '', e.id === j.selected ? 'selected' : ''].join(' ').trim();
      return el('tr', { tabindex: '0', 'data-id': e.id, class: classes || null }, [
        el('td', { class: 'num', text: e.id }),
        el('td', { title: fmtFull(e.time), text: fmtTime(e.time) }),
        el('td', { class: 'mono', text: e.method }),
        el('td', { class: 'mono', title: e.path + (e.query ? '?' + e.query : ''), text: e.path + (e.query ? '?' + e.query : '') }),
        el('td', null, statusBadge(e)),
        el('td', null, e.fault ? badge(e.fault, 'warn') : null),
        el('td', { class: 'num', text: e.durationMillis }),
      ]);
    });
    replaceRows($('journal-rows'), rows, 'data-id');
    $('journal-empty').hidden = j.total > 0;
    $('journal-empty').firstElementChild.textContent = j.errors ? 'No errors in the journal.' : 'No API requests recorded.';
    setPager('journal', j.offset, j.limit, j.total, j.rows.length);
  }

  /** 0 means the connection was dropped; a 200 can still be an error envelope (the API does that). */
  function statusBadge(e) {
    if (e.status === 0) return badge('no answer', 'bad');
    return badge(String(e.status) + (e.error && e.status < 300 ? ' error' : ''), e.error ? 'bad' : 'ok');
  }

  function openJournal(id) {
    ui.journal.selected = id;
    for (const tr of $('journal-rows').children) tr.classList.toggle('selected', Number(tr.getAttribute('data-id')) === id);
    $('journal-detail').hidden = false;
    loadJournalEntry(id, true).catch(showError);
  }

  async function loadJournalEntry(id, force) {
    const d = ui.detail.journal;
    const seq = ++d.seq;
    let entry = null;
    let problem = null;
    try {
      entry = await get('/journal/' + id);
    } catch (e) {
      if (e.status !== 404) throw e;
      problem = 'Request #' + id + ' is no longer in the journal.';
    }
    const key = entry ? JSON.stringify(entry) : problem;
    if (seq !== d.seq || (!force && key === d.key)) return;
    d.key = key;
    $('journal-detail-title').textContent = 'Request #' + id;
    $('journal-body').replaceChildren(entry ? renderRequest(entry) : el('p', { class: 'muted', text: problem }));
  }

  /** One journal entry: the request as received (token masked by the simulator) and the answer. */
  function renderRequest(e) {
    const box = el('div');
    box.append(
      el('div', { class: 'request-line', text: e.method + ' ' + e.path + (e.query ? '?' + e.query : '') }),
      kv([
        ['Answer', statusBadge(e)],
        ['Fault', e.fault ? badge(e.fault, 'warn') : null],
        ['Time', fmtFull(e.time)],
        ['Took', e.durationMillis + ' ms'],
        ['Account', e.accountId != null ? '#' + e.accountId : 'none (not authenticated)'],
        ['Journal id', String(e.id)],
      ]),
      el('h3', { text: 'Request body' }),
      e.body ? el('pre', { class: 'body', text: pretty(e.body) }) : el('p', { class: 'muted', text: '(empty)' }),
      el('h3', { text: 'Response' + (e.contentType ? ' · ' + e.contentType : '') }),
      e.status === 0 ? el('p', { class: 'muted', text: 'No answer: the connection was closed (' + (e.fault || 'dropped') + ').' })
        : el('pre', { class: 'body', text: pretty(e.responseBody) || '(empty)' }),
      el('h3', { text: 'Request headers' }),
      headersTable(e.headers),
    );
    return box;
  }

  function headersTable(headers) {
    const rows = Object.entries(headers || {}).map(([k, v]) => el('tr', null, [el('td', { text: k }), el('td', { text: v })]));
    return el('table', { class: 'headers' }, el('tbody', null, rows));
  }

  // ---- groups -----------------------------------------------------------------------------------------------

  async function loadGroups() {
    const seq = ++ui.groupSeq;
    const ids = ui.account ? [ui.account] : (ui.summary ? ui.summary.accounts.map((a) => String(a.id)) : []);
    const lists = await Promise.all(ids.map((id) => get('/groups', { account: id, contacts: 0 })));
    if (seq !== ui.groupSeq) return;
    ui.groups = lists.flat();
    const c = ui.contacts;
    if (c.group && !ui.groups.some((g) => g.uid === c.group)) c.group = null;
    if (!c.group && ui.groups.length) c.group = ui.groups[0].uid;
    renderGroups();
    await loadContacts();
  }

  function renderGroups() {
    const several = ui.summary && ui.summary.accounts.length > 1;
    const cards = ui.groups.map((g) => el('div', {
      class: 'group' + (g.uid === ui.contacts.group ? ' selected' : ''), tabindex: '0', 'data-uid': g.uid,
    }, [
      el('div', { class: 'name', text: g.name }),
      el('div', { class: 'meta', text: plural(g.size, 'contact') + (several ? ' · account #' + g.accountId : '') }),
      el('div', { class: 'meta mono', text: g.uid }),
    ]));
    if (!cards.length) cards.push(el('div', { class: 'empty', text: 'No groups yet.' }));
    $('group-list').replaceChildren(...cards);
  }

  async function loadContacts() {
    const c = ui.contacts;
    const seq = ++c.seq;
    if (!c.group) {
      $('group-title').textContent = 'No groups';
      $('contacts-head').replaceChildren();
      $('contacts-rows').replaceChildren();
      $('contacts-empty').hidden = true;
      setPager('contacts', 0, c.limit, 0, 0);
      return;
    }
    const data = await get('/groups/' + encodeURIComponent(c.group) + '/contacts', { offset: c.offset, limit: c.limit });
    if (seq !== c.seq) return;
    if (data.contacts.length === 0 && c.offset > 0) {
      c.offset = 0;
      return loadContacts();
    }
    c.total = data.total;
    $('group-title').textContent = data.name + ' · ' + plural(data.total, 'contact');
    const fields = data.fields;
    $('contacts-head').replaceChildren(el('tr', null,
      ['Phone', 'Status'].concat(fields, ['UID']).map((h) => el('th', { text: h })),
    ));
    const rows = data.contacts.map((k) => el('tr', { 'data-uid': k.uid }, [
      el('td', { class: 'mono', text: k.phone }),
      el('td', null, badge(k.status, k.status === 'subscribe' ? 'ok' : 'bad')),
    ].concat(fields.map((f) => el('td', { text: (k.fields || {})[f] || '' })), [el('td', { class: 'mono', text: k.uid })])));
    $('contacts-rows').replaceChildren(...rows);
    $('contacts-empty').hidden = data.total > 0;
    setPager('contacts', c.offset, c.limit, c.total, rows.length);
  }

  // ---- faults and reset (the only writes) --------------------------------------------------------------------

  function formValues(form) {
    const out = {};
    for (const field of form.elements) {
      if (!field.name) continue;
      const v = field.value.trim();
      if (v === '') continue;
      out[field.name] = field.type === 'number' ? Number(v) : v;
    }
    return out;
  }

  async function act(label, method, path, body) {
    try {
      await call(method, path, null, body);
      notice(label);
      ui.revision = null; // fetch everything again now
      pollNow();
      return true;
    } catch (e) {
      notice(e.message, true);
      return false;
    }
  }

  function bindFaults() {
    const random = $('form-random');
    random.addEventListener('input', () => { ui.randomDirty = true; });
    random.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (await act('Random faults applied', 'POST', '/faults', formValues(random))) ui.randomDirty = false;
    });
    $('form-next').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const v = formValues(ev.target);
      act('Queued ' + (FAULT_NAMES[v.fault] || v.fault) + ' for the next ' + plural(v.count || 1, 'request') + under(v.path),
        'POST', '/faults/next', v);
    });
    $('form-throttle').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const v = formValues(ev.target);
      act('Throttling for ' + v.seconds + ' s', 'POST', '/throttle', v);
    });
    $('fault-clear').addEventListener('click', async () => {
      if (await act('All faults cleared', 'DELETE', '/faults')) ui.randomDirty = false;
    });
    $('reset').addEventListener('click', async () => {
      if (!window.confirm('Reset the simulator? All messages, groups, the journal and the faults are forgotten.')) return;
      if (await act('Simulator reset', 'POST', '/reset')) {
        ui.randomDirty = false;
        closeDetail('outbox');
        closeDetail('journal');
        ui.contacts.group = null;
      }
    });
  }

  // ---- tabs, paging, keys ------------------------------------------------------------------------------------

  const TABS = ['outbox', 'journal', 'groups', 'faults'];

  function setTab(name) {
    if (!TABS.includes(name)) name = 'outbox';
    ui.tab = name;
    for (const t of TABS) {
      $('tab-' + t).hidden = t !== name;
      $('tab-btn-' + t).setAttribute('aria-selected', String(t === name));
    }
    if (location.hash !== '#' + name) history.replaceState(null, '', '#' + name);
    refresh().catch(showError);
  }

  function closeDetail(list) {
    if (list === 'outbox') {
      ui.outbox.selected = null;
      ui.detail.outbox.key = null;
      $('message-detail').hidden = true;
      for (const tr of $('outbox-rows').children) tr.classList.remove('selected');
    } else {
      ui.journal.selected = null;
      ui.detail.journal.key = null;
      $('journal-detail').hidden = true;
      for (const tr of $('journal-rows').children) tr.classList.remove('selected');
    }
  }

  const LOADERS = { outbox: () => loadOutbox(), journal: () => loadJournal(), contacts: () => loadContacts() };

  function bindPagers() {
    for (const pager of document.querySelectorAll('.pager')) {
      const list = pager.getAttribute('data-list');
      const state = list === 'contacts' ? ui.contacts : ui[list];
      pager.addEventListener('click', (ev) => {
        const button = ev.target.closest('button[data-page]');
        if (!button || button.disabled) return;
        const page = button.getAttribute('data-page');
        if (page === 'first') state.offset = 0;
        if (page === 'prev') state.offset = Math.max(0, state.offset - state.limit);
        if (page === 'next') state.offset += state.limit;
        if (list === 'outbox' && state.offset === 0) state.newer = 0;
        LOADERS[list]().catch(showError);
      });
      pager.querySelector('select').addEventListener('change', (ev) => {
        state.limit = Number(ev.target.value);
        state.offset = Math.floor(state.offset / state.limit) * state.limit;
        LOADERS[list]().catch(showError);
      });
    }
  }

  /** Click or Enter opens a row; the arrow keys walk the list and open as they go, as in a mail client. */
  function bindRows(tbody, keyAttr, open) {
    const keyOf = (tr) => (keyAttr === 'data-id' ? Number(tr.getAttribute(keyAttr)) : tr.getAttribute(keyAttr));
    tbody.addEventListener('click', (ev) => {
      const tr = ev.target.closest('tr[' + keyAttr + ']');
      if (tr) open(keyOf(tr));
    });
    tbody.addEventListener('keydown', (ev) => {
      const tr = ev.target.closest('tr[' + keyAttr + ']');
      if (!tr) return;
      let target = null;
      if (ev.key === 'Enter' || ev.key === ' ') target = tr;
      if (ev.key === 'ArrowDown') target = tr.nextElementSibling;
      if (ev.key === 'ArrowUp') target = tr.previousElementSibling;
      if (!target) return;
      ev.preventDefault();
      target.focus();
      open(keyOf(target));
    });
  }

  function bind() {
    for (const t of TABS) $('tab-btn-' + t).addEventListener('click', () => setTab(t));
    window.addEventListener('hashchange', () => setTab(location.hash.slice(1)));
    $('account').addEventListener('change', (ev) => {
      ui.account = ev.target.value;
      ui.outbox.offset = 0;
      ui.outbox.lastTotal = null;
      ui.outbox.newer = 0;
      ui.journal.offset = 0;
      ui.contacts.group = null;
      ui.contacts.offset = 0;
      if (ui.summary) applySummary(ui.summary);
      refresh().catch(showError);
    });
    let searchTimer = null;
    $('outbox-search').addEventListener('input', (ev) => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => {
        ui.outbox.q = ev.target.value.trim();
        ui.outbox.offset = 0;
        ui.outbox.lastTotal = null;
        ui.outbox.newer = 0;
        loadOutbox().catch(showError);
      }, 250);
    });
    $('outbox-new').addEventListener('click', () => {
      ui.outbox.offset = 0;
      ui.outbox.newer = 0;
      loadOutbox().catch(showError);
    });
    $('journal-errors').addEventListener('change', (ev) => {
      ui.journal.errors = ev.target.checked;
      ui.journal.offset = 0;
      loadJournal().catch(showError);
    });
    bindRows($('outbox-rows'), 'data-uid', openMessage);
    bindRows($('journal-rows'), 'data-id', openJournal);
    const selectGroup = (card) => {
      if (!card) return;
      ui.contacts.group = card.getAttribute('data-uid');
      ui.contacts.offset = 0;
      renderGroups();
      loadContacts().catch(showError);
    };
    $('group-list').addEventListener('click', (ev) => selectGroup(ev.target.closest('.group')));
    $('group-list').addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') selectGroup(ev.target.closest('.group'));
    });
    for (const button of document.querySelectorAll('[data-close]')) {
      button.addEventListener('click', () => closeDetail(button.getAttribute('data-close')));
    }
    document.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && (ui.tab === 'outbox' || ui.tab === 'journal')) closeDetail(ui.tab);
    });
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) pollNow();
    });
    bindPagers();
    bindFaults();
  }

  // ---- live updates -----------------------------------------------------------------------------------------

  /** Fetches what the visible tab shows (and the open detail, whose message may have a new status). */
  async function refresh(live) {
    if (ui.tab === 'outbox') {
      await loadOutbox(live && ui.outbox.seen !== null);
      if (ui.outbox.selected) await loadMessage(ui.outbox.selected, false);
    } else if (ui.tab === 'journal') {
      await loadJournal();
      if (ui.journal.selected != null) await loadJournalEntry(ui.journal.selected, false);
    } else if (ui.tab === 'groups') {
      await loadGroups();
    }
  }

  let pollTimer = null;
  let polling = false;
  let pollAgain = false;

  function setLive(on, problem) {
    const live = $('live');
    live.className = 'live ' + (on ? 'on' : 'off');
    $('live-text').textContent = on ? 'Live' : 'Offline, retrying';
    live.title = on ? 'Updated ' + new Date().toLocaleTimeString() : String(problem || '');
  }

  function showError(e) {
    notice(e && e.message ? e.message : String(e), true);
  }

  async function poll() {
    if (polling) {
      pollAgain = true;
      return;
    }
    polling = true;
    clearTimeout(pollTimer);
    try {
      const s = await get('/summary');
      applySummary(s);
      if (s.revision !== ui.revision) {
        await refresh(true);
        ui.revision = s.revision; // only once the lists match it: a failed fetch is retried next time
      }
      setLive(true);
    } catch (e) {
      setLive(false, e && e.message);
    } finally {
      polling = false;
      pollTimer = setTimeout(poll, document.hidden ? HIDDEN_POLL_MILLIS : POLL_MILLIS);
      if (pollAgain) {
        pollAgain = false;
        pollNow();
      }
    }
  }

  function pollNow() {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(poll, 0);
  }

  function start() {
    // a failure of the page itself is shown where the user looks, not only in the browser's developer console
    window.addEventListener('error', (ev) => showError(ev.error || ev.message));
    window.addEventListener('unhandledrejection', (ev) => showError(ev.reason));
    outboxEmptyTemplate = Array.from($('outbox-empty').childNodes).map((n) => n.cloneNode(true));
    bind();
    const first = location.hash.slice(1);
    ui.tab = TABS.includes(first) ? first : 'outbox';
    for (const t of TABS) {
      $('tab-' + t).hidden = t !== ui.tab;
      $('tab-btn-' + t).setAttribute('aria-selected', String(t === ui.tab));
    }
    poll();
  }

  start();
}());
