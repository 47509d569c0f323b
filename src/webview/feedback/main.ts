// The feedback panel's script (bundled by esbuild.mjs into media/feedback.js, loaded with the page's
// nonce). It renders what the extension sends and reports what the user does; every decision
// (teams offered, redaction, validation, delivery) is the extension's. Catalog and user text goes
// into the page only through textContent and value, never as HTML.
import {
  CONTEXT_LABELS,
  MAX_MESSAGE_LENGTH,
  parseToWebview,
  type ContextItem,
  type DraftField,
  type DraftState,
  type FeedbackKind,
  type PanelInit,
  type PersistedState,
  type Redaction,
  type SendResult,
  type TeamOption,
  type ToExtension,
} from './protocol';

interface VsCodeApi {
  postMessage(message: ToExtension): void;
  setState(state: PersistedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

function byId<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`feedback panel: #${id} is missing`);
  return found as T;
}

const form = byId<HTMLFormElement>('form');
const team = byId<HTMLSelectElement>('team');
const component = byId<HTMLSelectElement>('component');
const kind = byId<HTMLSelectElement>('kind');
const message = byId<HTMLTextAreaElement>('message');
const contact = byId<HTMLInputElement>('contact');
const sendButton = byId<HTMLButtonElement>('send');
const status = byId<HTMLDivElement>('status');
const alertBox = byId<HTMLDivElement>('alert');
const FIELDS: Partial<Record<DraftField, HTMLElement>> = { team, component, kind, message, contact };

let init: PanelInit | undefined;
let seq = 0;
let sending = false;

/** A new element with text (never markup) and plain attributes. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, opts: { text?: string; className?: string; attrs?: Record<string, string> } = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (opts.text !== undefined) node.textContent = opts.text;
  if (opts.className) node.className = opts.className;
  for (const [name, value] of Object.entries(opts.attrs ?? {})) node.setAttribute(name, value);
  return node;
}

const icon = (name: string): HTMLSpanElement => el('span', { className: `codicon codicon-${name}`, attrs: { 'aria-hidden': 'true' } });

function post(message: ToExtension): void {
  vscode.postMessage(message);
}

function selectedTeam(): TeamOption | undefined {
  return init?.teams.find((t) => t.id === team.value);
}

function ratingInputs(): HTMLInputElement[] {
  return Array.from(document.querySelectorAll<HTMLInputElement>('input[name="rating"]'));
}

function readDraft(): DraftState {
  const rating = ratingInputs().find((r) => r.checked)?.value ?? '';
  const attach = (init?.context ?? []).filter((item) => byId<HTMLInputElement>(`ctx-${item.key}`).checked).map((item) => item.key);
  return {
    team: team.value,
    component: component.value,
    kind: kind.value as FeedbackKind,
    rating: rating === '' ? null : Number(rating),
    message: message.value,
    contact: contact.value,
    attach,
  };
}

function applyDraft(draft: DraftState): void {
  team.value = init?.teams.some((t) => t.id === draft.team) ? draft.team : '';
  renderTeam(draft.component);
  kind.value = draft.kind;
  for (const r of ratingInputs()) r.checked = r.value === (draft.rating === null ? '' : String(draft.rating));
  message.value = draft.message;
  contact.value = draft.contact;
  for (const item of init?.context ?? []) byId<HTMLInputElement>(`ctx-${item.key}`).checked = draft.attach.includes(item.key);
  updateCounter();
}

function renderInit(next: PanelInit): void {
  const first = init === undefined;
  init = next;
  const notice = byId('notice');
  notice.hidden = next.notice === null;
  byId('notice-text').textContent = next.notice ?? '';

  const options = [el('option', { text: next.teams.length ? 'Choose a team…' : 'No team in your catalogs takes feedback', attrs: { value: '' } })];
  for (const t of next.teams) options.push(el('option', { text: t.name, attrs: { value: t.id } }));
  team.replaceChildren(...options);

  const items = byId('context-items');
  items.replaceChildren(...next.context.map(contextRow));
  byId('context-empty').hidden = next.context.length > 0;
  applyDraft(next.draft);
  changed();
  // Keyboard users start where there is something to do: the team if none is chosen, else the message.
  if (first) (team.value === '' && next.teams.length > 0 ? team : message).focus();
}

function contextRow(item: ContextItem): HTMLElement {
  const row = el('div', { className: 'context-item' });
  const box = el('input', { attrs: { type: 'checkbox', id: `ctx-${item.key}`, 'aria-describedby': `ctx-${item.key}-value` } });
  box.addEventListener('change', changed);
  const label = el('label', { text: CONTEXT_LABELS[item.key], attrs: { for: `ctx-${item.key}` } });
  const value = el('code', { text: item.value, className: 'context-value', attrs: { id: `ctx-${item.key}-value` } });
  row.append(box, label, value);
  return row;
}

/** Component choices, destination and contact follow the chosen team. */
function renderTeam(keepComponent: string): void {
  const t = selectedTeam();
  const options = [el('option', { text: 'None', attrs: { value: '' } })];
  for (const c of t?.components ?? []) options.push(el('option', { text: c.name, attrs: { value: c.id } }));
  component.replaceChildren(...options);
  component.value = t?.components.some((c) => c.id === keepComponent) ? keepComponent : '';
  renderComponent();

  byId('destination').hidden = !t;
  byId('destination-icon').className = `codicon codicon-${t?.mail ? 'mail' : 'send'}`;
  byId('destination-text').textContent = t ? `Goes to: ${t.destination}` : '';
  const teamContact = byId('team-contact');
  teamContact.hidden = !t?.contact;
  teamContact.textContent = t?.contact ? `Team contact: ${t.contact}` : '';
}

function renderComponent(): void {
  const description = selectedTeam()?.components.find((c) => c.id === component.value)?.description ?? null;
  const hint = byId('component-description');
  hint.hidden = description === null;
  hint.textContent = description ?? '';
}

function updateCounter(): void {
  byId('message-count').textContent = `${message.value.length} of ${MAX_MESSAGE_LENGTH} characters`;
}

/** Every edit: saved for a reload, and sent to the extension, which answers with the redacted preview. */
function changed(): void {
  if (!init) return;
  updateCounter();
  const draft = readDraft();
  vscode.setState({ v: 1, folder: init.folder, context: init.context, draft });
  post({ type: 'draft', seq: ++seq, draft });
}

function renderPreview(text: string, redactions: readonly Redaction[]): void {
  const box = byId('preview-message');
  box.textContent = text === '' ? 'Nothing written yet.' : text;
  box.classList.toggle('empty', text === '');
  const names = redactions.map((r) => `${r.kind.replace(/-/g, ' ')}${r.count > 1 ? ` (${r.count})` : ''}`);
  byId('preview-redactions').textContent = names.length ? `Masked before sending: ${names.join(', ')}.` : 'Nothing needed masking.';
}

function setFieldError(field: DraftField, text: string | undefined): void {
  const box = byId(`${field}-error`);
  box.hidden = text === undefined;
  box.replaceChildren(...(text === undefined ? [] : [icon('error'), document.createTextNode(` ${text}`)]));
  const control = field === 'rating' ? ratingInputs()[0] : field === 'context' ? undefined : FIELDS[field];
  if (control) control.setAttribute('aria-invalid', String(text !== undefined));
}

function clearErrors(): void {
  for (const field of ['team', 'component', 'kind', 'rating', 'message', 'contact', 'context'] as const) setFieldError(field, undefined);
}

/** Checks the panel can make without the extension; the extension checks everything again. */
function localErrors(draft: DraftState): Array<{ field: DraftField; message: string }> {
  const errors: Array<{ field: DraftField; message: string }> = [];
  if (draft.team === '') errors.push({ field: 'team', message: 'Choose the team to send feedback to.' });
  if (draft.message.trim() === '') errors.push({ field: 'message', message: 'Write a message.' });
  return errors;
}

function showErrors(errors: ReadonlyArray<{ field: DraftField; message: string }>): void {
  clearErrors();
  for (const e of errors) setFieldError(e.field, e.message);
  const first = errors[0];
  const target = first && (first.field === 'rating' ? ratingInputs()[0] : first.field === 'context' ? byId('context-items').querySelector('input') : FIELDS[first.field]);
  (target as HTMLElement | null | undefined)?.focus();
}

function setSending(on: boolean): void {
  sending = on;
  sendButton.setAttribute('aria-disabled', String(on));
  form.setAttribute('aria-busy', String(on));
  byId('send-label').textContent = on ? 'Sending…' : 'Send';
}

function resultLines(result: SendResult): HTMLElement | undefined {
  if (result.lines.length === 0) return undefined;
  const list = el('ul', { className: 'lines' });
  for (const line of result.lines) {
    const item = el('li');
    const state = line.state === 'delivered' ? 'delivered' : line.state === 'queued' ? 'queued' : 'not delivered';
    item.append(icon(line.state === 'delivered' ? 'pass-filled' : line.state === 'queued' ? 'clock' : 'error'), document.createTextNode(` ${line.destination}: ${state}`));
    if (line.reason) item.append(document.createTextNode(` (${line.reason})`));
    if (line.url) {
      const url = line.url;
      const link = el('a', { text: url, attrs: { href: url } });
      // The extension opens it (http and https only), so the page never navigates.
      link.addEventListener('click', (e) => {
        e.preventDefault();
        post({ type: 'openLink', url });
      });
      item.append(document.createTextNode(' '), link);
    }
    list.append(item);
  }
  return list;
}

function renderResult(result: SendResult, draft: DraftState): void {
  setSending(false);
  if (result.outcome === 'invalid') {
    status.replaceChildren();
    alertBox.hidden = true;
    showErrors(result.errors);
    return;
  }
  clearErrors();
  const bad = result.outcome === 'failed' || result.outcome === 'refused';
  const box = bad ? alertBox : status;
  const symbol = bad ? 'error' : result.outcome === 'queued' ? 'clock' : result.outcome === 'mail' ? 'mail' : 'pass-filled';
  const summary = el('p', { className: 'summary' });
  summary.append(icon(symbol), document.createTextNode(` ${result.summary}`));
  const lines = resultLines(result);
  box.replaceChildren(summary, ...(lines ? [lines] : []));
  (bad ? status : alertBox).replaceChildren();
  alertBox.hidden = !bad;
  applyDraft(draft);
  changed();
  const link = box.querySelector('a');
  if (bad) alertBox.focus();
  else if (link) link.focus();
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  if (sending || !init) return;
  const draft = readDraft();
  const errors = localErrors(draft);
  if (errors.length) return showErrors(errors);
  clearErrors();
  alertBox.hidden = true;
  alertBox.replaceChildren();
  status.replaceChildren(el('p', { text: `Sending to ${selectedTeam()?.name ?? draft.team}…` }));
  setSending(true);
  post({ type: 'send', draft });
});

team.addEventListener('change', () => {
  renderTeam(component.value);
  setFieldError('team', undefined);
  changed();
});
component.addEventListener('change', () => {
  renderComponent();
  changed();
});
for (const control of [kind, message, contact]) control.addEventListener('input', changed);
for (const r of ratingInputs()) r.addEventListener('change', changed);
message.addEventListener('input', () => message.value.trim() && setFieldError('message', undefined));
contact.addEventListener('input', () => setFieldError('contact', undefined));

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = parseToWebview(event.data, (why) => console.warn(`feedback panel: ignored a message that is not in the protocol: ${why}`));
  if (!msg) return;
  switch (msg.type) {
    case 'init':
      renderInit(msg.init);
      break;
    case 'preview':
      if (msg.seq === seq) renderPreview(msg.message, msg.redactions);
      break;
    case 'result':
      renderResult(msg.result, msg.draft);
      break;
  }
});

updateCounter();
post({ type: 'ready' });
