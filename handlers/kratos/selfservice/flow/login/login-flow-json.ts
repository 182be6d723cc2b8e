/**
 * The `loginFlow` body (Ory's schema) for the password method: flow fields in Kratos's struct order, and the UI
 * nodes — csrf_token (browser flows), identifier, password, submit — with Kratos's message ids.
 */
import { goTime } from '../../../x/go.ts'
import type { KratosLoginFlow } from '../../../model.ts'

interface UiText {
  id: number
  text: string
  type: 'info' | 'error' | 'success'
  context?: Record<string, unknown>
}

/** text/id.go: the messages the password login uses. */
export const UI_TEXT = {
  invalidCredentials: {
    id: 4000006,
    text: 'The provided credentials are invalid, check for spelling mistakes in your password or username, email address, or phone number.',
    type: 'error',
  },
  noStrategy: { id: 4010002, text: 'Could not find a strategy to log you in with. Did you fill out the form correctly?', type: 'error' },
  missing: (property: string): UiText => ({ id: 4000002, text: `Property ${property} is missing.`, type: 'error', context: { property } }),
  /** text/message_login.go: a refresh flow (`?refresh=true`). */
  reAuth: { id: 1010003, text: 'Please confirm this action by verifying that it is you.', type: 'info' },
  /** text/message_login.go: an aal2 flow for a session that has aal1. */
  mfa: { id: 1010004, text: 'Please complete the second authentication challenge.', type: 'info' },
} as const satisfies Record<string, UiText | ((p: string) => UiText)>

export interface LoginUiState {
  /** Masked CSRF token (browser flows only). */
  csrf?: string
  identifier?: string
  messages?: readonly UiText[]
  nodeMessages?: Readonly<Record<string, readonly UiText[]>>
}

function input(group: string, attributes: Record<string, unknown>, label: UiText | null, messages: readonly UiText[] = []) {
  return { type: 'input', group, attributes: { ...attributes, disabled: false, node_type: 'input' }, messages, meta: label ? { label } : {} }
}

/**
 * The flow JSON.
 * @example
 * loginFlowJson(flow, 'http://127.0.0.1:4433', { csrf: masked }).ui.nodes[0].attributes.name // 'csrf_token'
 */
export function loginFlowJson(flow: KratosLoginFlow, baseUrl: string, ui: LoginUiState = {}) {
  const nm = ui.nodeMessages ?? {}
  const aal2 = flow.requestedAal === 'aal2'
  // The password method is a first factor only: an aal2 flow gets none of its nodes (the mock has no second factor).
  const passwordNodes = aal2 ? [] : [
    input('default', { name: 'identifier', type: 'text', value: ui.identifier ?? '', required: true, autocomplete: 'username' }, { id: 1070004, text: 'ID', type: 'info' }, nm.identifier),
    input('password', { name: 'password', type: 'password', required: true, autocomplete: 'current-password' }, { id: 1070001, text: 'Password', type: 'info' }, nm.password),
    input('password', { name: 'method', type: 'submit', value: 'password' }, { id: 1010001, text: 'Sign in', type: 'info' }),
  ]
  const nodes = [...(flow.type === 'browser' ? [input('default', { name: 'csrf_token', type: 'hidden', value: ui.csrf ?? '', required: true }, null)] : []), ...passwordNodes]
  const messages = [...(flow.refresh ? [UI_TEXT.reAuth] : []), ...(aal2 ? [UI_TEXT.mfa] : []), ...(ui.messages ?? [])]
  return {
    id: flow.id,
    organization_id: null,
    type: flow.type,
    expires_at: goTime(flow.expiresAt),
    issued_at: goTime(flow.issuedAt),
    request_url: flow.requestUrl,
    ...(flow.returnTo ? { return_to: flow.returnTo } : {}),
    ui: { action: `${baseUrl}/self-service/login?flow=${flow.id}`, method: 'POST', nodes, ...(messages.length ? { messages } : {}) },
    created_at: goTime(flow.issuedAt),
    updated_at: goTime(flow.issuedAt),
    refresh: flow.refresh ?? false,
    requested_aal: flow.requestedAal ?? 'aal1',
    state: 'choose_method',
  }
}
