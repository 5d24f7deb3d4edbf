# syntax=docker/dockerfile:1
# Practice Health Check: one container with the server, the bot, the tab and the phc command
# line, running compiled JavaScript (npm run start:prod). Built by `atk deploy` in Azure
# Container Registry (m365agents.yml) or anywhere with `docker build .`. docs/deploy.md.

ARG NODE_VERSION=20

# --- build: the SQLite driver compiled from source, the server compiled, the tab bundled ---
FROM node:${NODE_VERSION}-bookworm-slim AS build
# better-sqlite3 is a native addon built here (no prebuilt binaries are fetched); the runtime
# stage uses the same base image, so the addon matches its Node and glibc.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# A newer npm may skip the driver's install script; build it then, and stop here if it still fails.
RUN npm ci --no-audit --no-fund \
 && (node -e "new (require('better-sqlite3'))(':memory:').close()" 2>/dev/null || npm rebuild better-sqlite3) \
 && node -e "new (require('better-sqlite3'))(':memory:').close()"
COPY tsconfig.json tsconfig.build.json vite.config.ts ./
COPY scripts ./scripts
COPY src ./src
COPY tab ./tab
RUN npm run build
# Keep only what runs: no TypeScript, tsx, Vite or test tools in the image.
RUN npm prune --omit=dev --no-audit --no-fund

# --- runtime: plain node, as the unprivileged node user ---
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3978 \
    PHC_DATA_DIR=/var/lib/phc
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/server ./dist/server
COPY --from=build /app/dist/tab ./dist/tab
COPY bin ./bin
# The SQLite file lives on the container's own disk, not an SMB share (docs/adr/0020); `phc`
# is on the PATH for an administrator's shell in the container.
RUN mkdir -p /var/lib/phc \
 && chown node:node /var/lib/phc \
 && ln -s /app/bin/phc.js /usr/local/bin/phc
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["npm", "run", "start:prod"]
