import { Button, Table } from '@acme/ui/legacy';

export function Dashboard({ rows }: { rows: string[][] }) {
  return (
    <>
      <Table rows={rows} />
      <Button kind="danger">Delete all</Button>
    </>
  );
}
