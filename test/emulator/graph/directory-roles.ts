// Built-in Microsoft Entra roles the emulator knows by name (DirectoryUser.directoryRoles) with their fixed role
// template ids — for a built-in role, `roleDefinitionId` of a role assignment IS the template id (Entra built-in
// roles reference).
export const BUILT_IN_ROLE_TEMPLATE_IDS: Readonly<Record<string, string>> = {
  'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
  'Privileged Role Administrator': 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  'User Administrator': 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  'Helpdesk Administrator': '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  'Security Administrator': '194ae4cb-b126-40b2-bd5b-6091b380977d',
  'Application Administrator': '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  'Guest Inviter': '95e79109-95c0-4d8e-aee3-d01accf2d47b',
  'Reports Reader': '4a5d8f65-41da-4de4-8968-e035b65339cf',
  'Directory Readers': '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
};

export function roleTemplateId(name: string): string {
  const id = BUILT_IN_ROLE_TEMPLATE_IDS[name];
  if (!id) throw new Error(`the emulator does not know the directory role '${name}'`);
  return id;
}

export function roleName(templateId: string): string | undefined {
  return Object.entries(BUILT_IN_ROLE_TEMPLATE_IDS).find(([, id]) => id === templateId.toLowerCase())?.[0];
}
