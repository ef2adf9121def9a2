import { z } from "zod";
import {
  BillingRedirect,
  BillingStatus,
  Channel,
  Conversation,
  DirectMessage,
  InviteAccepted,
  InviteCreated,
  Invite,
  Me,
  Member,
  Message,
  MessagePage,
  ReactionCount,
  TimelinePage,
  Workspace,
} from "../generated/schemas";
import { call, send, type Token } from "./http";

/** The REST calls this client makes (docs/protocol.md, "REST"), each parsed with its answer's published schema. */
export class ChatApi {
  constructor(private readonly token: Token) {}

  me = () => call(this.token, Me, "GET", "/api/me");

  createWorkspace = (name: string) => call(this.token, Workspace, "POST", "/api/workspaces", { name });

  channels = (workspaceId: string) =>
    call(this.token, z.array(Channel), "GET", `/api/workspaces/${workspaceId}/channels`);

  createChannel = (workspaceId: string, name: string, visibility: "public" | "private") =>
    call(this.token, Channel, "POST", `/api/workspaces/${workspaceId}/channels`, { name, visibility });

  joinChannel = (channelId: string) => call(this.token, Channel, "POST", `/api/channels/${channelId}/join`);

  leaveChannel = (channelId: string) => send(this.token, "POST", `/api/channels/${channelId}/leave`);

  setTopic = (channelId: string, topic: string) =>
    call(this.token, Channel, "PATCH", `/api/channels/${channelId}`, { topic });

  /** Admins and the channel's creator; #general cannot be archived. */
  archiveChannel = (channelId: string) => call(this.token, Channel, "POST", `/api/channels/${channelId}/archive`);

  /** Moves the caller's read position forward to that message of the channel or DM; never back. */
  markChannelRead = (channelId: string, messageId: string) =>
    send(this.token, "POST", `/api/channels/${channelId}/read`, { message_id: messageId });

  /** The caller's DMs, the latest written in first. */
  dms = (workspaceId: string) =>
    call(this.token, z.array(DirectMessage), "GET", `/api/workspaces/${workspaceId}/dms`);

  /** The DM with these people: made the first time, the same one after. */
  openDm = (workspaceId: string, userIds: string[]) =>
    call(this.token, DirectMessage, "POST", `/api/workspaces/${workspaceId}/dms`, { user_ids: userIds });

  /** A page of the channel's timeline, newest first. */
  timeline = (channelId: string, cursor: string | null) =>
    call(this.token, TimelinePage, "GET", `/api/channels/${channelId}/messages${query({ cursor })}`);

  conversation = (conversationId: string) =>
    call(this.token, Conversation, "GET", `/api/conversations/${conversationId}`);

  markThreadRead = (conversationId: string, messageId: string) =>
    send(this.token, "POST", `/api/conversations/${conversationId}/read`, { message_id: messageId });

  /** A page of a conversation's replies, oldest first. */
  replies = (conversationId: string, cursor: string | null) =>
    call(this.token, MessagePage, "GET", `/api/conversations/${conversationId}/messages${query({ cursor })}`);

  post = (message: { channel_id: string; content: string; client_msg_id: string; reply_to_message_id?: string }) =>
    call(this.token, Message, "POST", "/api/messages", message);

  /** The caller's own message only. */
  editMessage = (messageId: string, content: string) =>
    call(this.token, Message, "PATCH", `/api/messages/${messageId}`, { content });

  /** Its author or a workspace admin; deleting it again succeeds too. */
  deleteMessage = (messageId: string) => send(this.token, "DELETE", `/api/messages/${messageId}`);

  /** Idempotent: reacting again answers the same count. */
  react = (messageId: string, emoji: string) =>
    call(this.token, ReactionCount, "PUT", `/api/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`);

  unreact = (messageId: string, emoji: string) =>
    call(this.token, ReactionCount, "DELETE", `/api/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`);

  members = (workspaceId: string) =>
    call(this.token, z.array(Member), "GET", `/api/workspaces/${workspaceId}/members`);

  removeMember = (workspaceId: string, userId: string) =>
    send(this.token, "DELETE", `/api/workspaces/${workspaceId}/members/${userId}`);

  invites = (workspaceId: string) =>
    call(this.token, z.array(Invite), "GET", `/api/workspaces/${workspaceId}/invites`);

  /** An email invite when {@code email} is given, else a link, usable {@code maxUses} times (null: unlimited). */
  createInvite = (workspaceId: string, invite: { email: string } | { maxUses: number | null }) =>
    call(this.token, InviteCreated, "POST", `/api/workspaces/${workspaceId}/invites`,
      "email" in invite ? { email: invite.email } : invite.maxUses === null ? {} : { max_uses: invite.maxUses });

  revokeInvite = (workspaceId: string, inviteId: string) =>
    send(this.token, "DELETE", `/api/workspaces/${workspaceId}/invites/${inviteId}`);

  /** The token goes in the body, never in a URL a proxy could log. */
  acceptInvite = (token: string) => call(this.token, InviteAccepted, "POST", "/api/invites/accept", { token });

  billing = (workspaceId: string) =>
    call(this.token, BillingStatus, "GET", `/api/billing${query({ workspace_id: workspaceId })}`);

  checkout = (workspaceId: string, seats: number) =>
    call(this.token, BillingRedirect, "POST", "/api/billing/checkout", { workspace_id: workspaceId, seats });

  portal = (workspaceId: string) =>
    call(this.token, BillingRedirect, "POST", "/api/billing/portal", { workspace_id: workspaceId });
}

function query(parameters: Record<string, string | null>): string {
  const present = Object.entries(parameters).filter((entry): entry is [string, string] => entry[1] !== null);
  return present.length === 0 ? "" : "?" + new URLSearchParams(present).toString();
}
