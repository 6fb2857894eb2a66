# FlowDesk server image: the API, the workers and the built web app in one process.
# CI has no Docker engine: apps/server/scripts/replay-dockerfile.ts replays these steps in a
# temporary folder and starts the CMD, and a test checks that every workspace's package.json
# is copied before `npm ci` (add new workspaces here).

FROM node:22-bookworm AS build
WORKDIR /app
# better-sqlite3 compiles from source; the full bookworm image has python3, make and g++.
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/model/package.json packages/model/
COPY packages/engine/package.json packages/engine/
COPY packages/store/package.json packages/store/
COPY packages/desk/package.json packages/desk/
COPY packages/connectors/package.json packages/connectors/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build --workspace @flowdesk/web --if-present \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim
ENV NODE_ENV=production PORT=3000 FLOWDESK_DB=/data/flowdesk.sqlite
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "apps/server/bin/flowdesk.mjs", "serve"]
