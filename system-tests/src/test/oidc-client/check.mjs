// What a standard OpenID Connect client does with the system, through the gateway only:
//   node check.mjs <gateway URL> <client id> <client secret> <scope> <audience>
// 1. discovery with openid-client (OpenID certified), which refuses a document whose issuer is not the URL it
//    was fetched from;
// 2. the client-credentials grant at the discovered token endpoint;
// 3. the access token verified with jose against the discovered JWKS: signature, issuer, audience, expiry.
// Prints one JSON object on stdout (read by OpenIdClientSystemTest); any refusal ends with a non-zero exit code and
// the library's message on stderr.
import * as client from 'openid-client';
import * as jose from 'jose';

const [gateway, clientId, clientSecret, scope, audience] = process.argv.slice(2);
if (!audience) {
  console.error('usage: node check.mjs <gateway URL> <client id> <client secret> <scope> <audience>');
  process.exit(2);
}

// Plain http is refused by default; the local system and the tests serve http on loopback.
const insecure = new URL(gateway).protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {};
const config = await client.discovery(new URL(gateway), clientId, clientSecret,
  client.ClientSecretBasic(clientSecret), insecure);
const metadata = config.serverMetadata();

const tokens = await client.clientCredentialsGrant(config, { scope });

const keys = jose.createRemoteJWKSet(new URL(metadata.jwks_uri));
const { payload, protectedHeader } = await jose.jwtVerify(tokens.access_token, keys, {
  issuer: metadata.issuer,
  audience,
  algorithms: ['RS256'],
});

console.log(JSON.stringify({
  metadata,
  accessToken: tokens.access_token,
  header: protectedHeader,
  claims: payload,
}));
