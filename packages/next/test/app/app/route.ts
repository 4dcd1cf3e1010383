export const dynamic = 'force-static';
export function GET() {
  return Response.json({ service: 'tessera-next-fixture', public: true });
}
