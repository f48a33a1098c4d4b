# The platform's production image: one image, started in the role its ROLES variable names
# (api, worker, scheduler; docker-compose.yml runs one container of each).
FROM node:20-bookworm-slim

ENV NODE_ENV=production \
    ONNXRUNTIME_NODE_INSTALL=skip \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data

WORKDIR /app

# Dependencies first, so a code change does not reinstall them. The install runs the
# postinstall step (Prisma client generation, checksum-verified model download), which needs
# the schema, the scripts, the model manifests and the code the model fetcher imports.
COPY package.json package-lock.json .npmrc ./
COPY prisma ./prisma
COPY scripts ./scripts
COPY models ./models
COPY services ./services
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY . .

# The blob store lives under DATA_DIR; the process runs unprivileged.
RUN mkdir -p /data && chown -R node:node /data /app/models
USER node
VOLUME ["/data"]
EXPOSE 3000

# The V8 flags of package.json's start script (a larger young generation: see README, Decisions).
CMD ["node", "--max-semi-space-size=32", "--import", "tsx", "scripts/start.ts"]
