-- The consolidated schema: one migration from day one.
-- Ids are UUIDs chosen by the application; message ids are UUIDv7, so they sort by creation time.
-- No triggers: the application writes outbox rows and signals the relay itself (docs/decisions/0001-outbox-wakeup.md).

CREATE TABLE workspaces (
    id                     uuid PRIMARY KEY,
    name                   text        NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    slug                   text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 64),
    -- The identity provider's organization (WorkOS org_id) this workspace belongs to: one workspace per org.
    org_id                 text UNIQUE,
    plan_tier              text        NOT NULL DEFAULT 'free' CHECK (plan_tier IN ('free', 'pro')),
    seat_limit             integer     NOT NULL DEFAULT 10 CHECK (seat_limit >= 0),
    -- Monthly AI spend allowed, in cents.
    ai_budget_limit        bigint      NOT NULL DEFAULT 0 CHECK (ai_budget_limit >= 0),
    stripe_customer_id     text UNIQUE,
    stripe_subscription_id text UNIQUE,
    subscription_status    text,
    created_at             timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id          uuid PRIMARY KEY,
    -- The identity provider's subject (the token's sub): how a login finds its user.
    idp_subject text        NOT NULL UNIQUE,
    email       text CHECK (email IS NULL OR position('@' IN email) > 1),
    name        text CHECK (name IS NULL OR length(name) <= 120),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE workspace_members (
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role         text        NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'member')),
    -- Both statuses hold a seat: seat_limit counts active + invited.
    status       text        NOT NULL CHECK (status IN ('active', 'invited')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    joined_at    timestamptz,
    PRIMARY KEY (workspace_id, user_id),
    CHECK ((status = 'active') = (joined_at IS NOT NULL))
);
CREATE INDEX workspace_members_user_idx ON workspace_members (user_id);

CREATE TABLE channels (
    id           uuid PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    slug         text        NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9_-]*$' AND length(slug) <= 80),
    visibility   text        NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'private')),
    topic        text        NOT NULL DEFAULT '' CHECK (length(topic) <= 250),
    created_by   uuid REFERENCES users (id) ON DELETE SET NULL,
    archived_at  timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (workspace_id, slug),
    -- Lets messages reference (workspace, channel) together, so a message can never sit in another workspace's channel.
    UNIQUE (workspace_id, id)
);

-- Who is in a channel. Required to read a private channel; for public channels it records who joined.
CREATE TABLE channel_members (
    channel_id uuid        NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel_id, user_id)
);
CREATE INDEX channel_members_user_idx ON channel_members (user_id);

CREATE TABLE messages (
    id                  uuid PRIMARY KEY,
    workspace_id        uuid        NOT NULL,
    -- Always the channel the message was posted in (flat or threaded).
    channel_id          uuid        NOT NULL,
    -- Set when the message belongs to a thread (the root and every reply).
    conversation_id     uuid,
    reply_to_message_id uuid REFERENCES messages (id) ON DELETE SET NULL,
    author_id           uuid        NOT NULL REFERENCES users (id),
    content             text        NOT NULL CHECK (length(content) BETWEEN 1 AND 40000),
    -- The author's idempotency key: a retried POST returns the first message instead of writing a second.
    client_msg_id       text CHECK (length(client_msg_id) BETWEEN 1 AND 64),
    created_at          timestamptz NOT NULL,
    FOREIGN KEY (workspace_id, channel_id) REFERENCES channels (workspace_id, id) ON DELETE CASCADE,
    UNIQUE (author_id, client_msg_id),
    CHECK (reply_to_message_id IS NULL OR conversation_id IS NOT NULL)
);
-- Channel timeline, newest first (ids are time-ordered).
CREATE INDEX messages_channel_timeline_idx ON messages (channel_id, id DESC);

-- A thread: the graph node a root message and its replies hang off.
CREATE TABLE conversations (
    id              uuid PRIMARY KEY,
    workspace_id    uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- One conversation per root message: two concurrent first replies cannot create two threads.
    root_message_id uuid        NOT NULL UNIQUE REFERENCES messages (id) ON DELETE CASCADE,
    reply_count     integer     NOT NULL DEFAULT 0 CHECK (reply_count >= 0),
    last_reply_at   timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE messages
    ADD CONSTRAINT messages_conversation_fk FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE;
-- Thread replies, oldest first.
CREATE INDEX messages_conversation_idx ON messages (conversation_id, id) WHERE conversation_id IS NOT NULL;

-- The channels a conversation is shared into; exactly one is its primary (the root's channel).
CREATE TABLE conversation_channels (
    conversation_id uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    channel_id      uuid        NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    is_primary      boolean     NOT NULL DEFAULT false,
    shared_by       uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, channel_id)
);
CREATE UNIQUE INDEX conversation_channels_one_primary_idx ON conversation_channels (conversation_id) WHERE is_primary;
CREATE INDEX conversation_channels_channel_idx ON conversation_channels (channel_id);

-- Transactional outbox (docs/decisions/0003-outbox-only-path-to-clients.md): written in the same transaction as
-- the change it announces, moved to Redis by the outbox-relay in id order.
CREATE TABLE outbox (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    event_type   text        NOT NULL CHECK (event_type IN ('message.created', 'conversation.created',
                                                            'conversation.updated', 'conversation.shared',
                                                            'member.invited', 'member.joined',
                                                            'workspace.plan_changed')),
    workspace_id uuid        NOT NULL,
    -- The rooms the event goes to, e.g. {channel:…} or {thread:…}.
    rooms        text[]      NOT NULL CHECK (cardinality(rooms) > 0),
    -- The full event envelope exactly as clients receive it (json keeps the text as written).
    payload      json        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text
);
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL;
CREATE INDEX outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL;

CREATE TABLE invites (
    id           uuid PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind         text        NOT NULL CHECK (kind IN ('email', 'link')),
    email        text,
    -- Only a hash of the token is kept: a database leak does not leak usable invites.
    token_hash   bytea       NOT NULL UNIQUE,
    role         text        NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'member')),
    created_by   uuid        NOT NULL REFERENCES users (id),
    max_uses     integer CHECK (max_uses > 0),
    use_count    integer     NOT NULL DEFAULT 0 CHECK (use_count >= 0),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'email') = (email IS NOT NULL)),
    CHECK (kind <> 'email' OR max_uses = 1),
    CHECK (max_uses IS NULL OR use_count <= max_uses)
);
CREATE INDEX invites_workspace_idx ON invites (workspace_id);

-- Stripe webhook events already applied (docs/decisions/0006-stripe-source-of-truth.md): recorded in the same
-- transaction as their effect.
CREATE TABLE processed_billing_events (
    event_id     text PRIMARY KEY,
    event_type   text        NOT NULL,
    workspace_id uuid REFERENCES workspaces (id) ON DELETE SET NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);
