import { getConfig } from '../config/load';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi';
import { registeredEndpoints } from './registry';

let cached: { endpoints: number; metadataUrl: string; document: OpenApiDocument } | undefined;

/**
 * The OpenAPI document of every endpoint registered in this process, built on first use and rebuilt only
 * when more endpoints have registered or the configuration changed.
 * @throws as buildOpenApiDocument does, and ConfigError when the configuration is invalid.
 */
export function servedOpenApiDocument(): OpenApiDocument {
  const endpoints = registeredEndpoints();
  const metadataUrl = getConfig().authMetadataUrl;
  if (cached?.endpoints !== endpoints.length || cached.metadataUrl !== metadataUrl) {
    cached = { endpoints: endpoints.length, metadataUrl, document: buildOpenApiDocument(endpoints, { metadataUrl }) };
  }
  return cached.document;
}
