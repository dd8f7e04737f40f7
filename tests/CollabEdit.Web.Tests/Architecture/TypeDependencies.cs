using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace CollabEdit.Web.Tests.Architecture;

/// <summary>
/// Which of an assembly's own types each of its top-level types uses, read from the compiled metadata and IL (not
/// from <c>using</c> lines, which say nothing of fully qualified names and say too much of unused imports):
/// base types, interfaces, attributes, generic constraints, fields, signatures of methods and properties, local
/// variables, caught exceptions, and every type, method and field token in method bodies. What a nested type uses
/// (a lambda's closure, an async method's state machine, a Razor component's render fragments) counts for the
/// top-level type that holds it. Types of other assemblies are left out: only the app's own folders matter here.
/// </summary>
public static partial class TypeDependencies
{
    /// <summary>Full name of each top-level type → the full names of the other top-level types of the assembly it uses.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = new Reader(pe);
        foreach (var handle in reader.Metadata.TypeDefinitions)
        {
            reader.ReadType(handle);
        }

        return reader.Uses.ToDictionary(pair => pair.Key, pair => (IReadOnlySet<string>)pair.Value);
    }

    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(opCode => opCode.Value, opCode => opCode.OperandType);

    private sealed partial class Reader(PEReader pe) : ISignatureTypeProvider<bool, object?>
    {
        public MetadataReader Metadata { get; } = pe.GetMetadataReader();

        public Dictionary<string, HashSet<string>> Uses { get; } = new(StringComparer.Ordinal);

        // The set that what is being decoded goes into: the uses of the top-level type being read.
        private HashSet<string> _sink = [];

        public void ReadType(TypeDefinitionHandle handle)
        {
            var owner = TopLevelName(handle);
            if (!Uses.TryGetValue(owner, out var uses))
            {
                Uses[owner] = uses = new HashSet<string>(StringComparer.Ordinal);
            }

            _sink = uses;
            var type = Metadata.GetTypeDefinition(handle);
            Use(type.BaseType);
            foreach (var implementation in type.GetInterfaceImplementations())
            {
                Use(Metadata.GetInterfaceImplementation(implementation).Interface);
            }

            UseAttributes(type.GetCustomAttributes());
            UseGenericParameters(type.GetGenericParameters());
            foreach (var fieldHandle in type.GetFields())
            {
                var field = Metadata.GetFieldDefinition(fieldHandle);
                field.DecodeSignature(this, null);
                UseAttributes(field.GetCustomAttributes());
            }

            foreach (var propertyHandle in type.GetProperties())
            {
                var property = Metadata.GetPropertyDefinition(propertyHandle);
                property.DecodeSignature(this, null);
                UseAttributes(property.GetCustomAttributes());
            }

            foreach (var eventHandle in type.GetEvents())
            {
                var @event = Metadata.GetEventDefinition(eventHandle);
                Use(@event.Type);
                UseAttributes(@event.GetCustomAttributes());
            }

            foreach (var methodHandle in type.GetMethods())
            {
                ReadMethod(Metadata.GetMethodDefinition(methodHandle));
            }
        }

        private void ReadMethod(MethodDefinition method)
        {
            method.DecodeSignature(this, null);
            UseAttributes(method.GetCustomAttributes());
            UseGenericParameters(method.GetGenericParameters());
            foreach (var parameterHandle in method.GetParameters())
            {
                UseAttributes(Metadata.GetParameter(parameterHandle).GetCustomAttributes());
            }

            if (method.RelativeVirtualAddress == 0)
            {
                return;
            }

            var body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                Use(body.LocalSignature);
            }

            foreach (var region in body.ExceptionRegions)
            {
                Use(region.CatchType);
            }

            ReadInstructions(body.GetILReader());
        }

        private void ReadInstructions(BlobReader il)
        {
            while (il.RemainingBytes > 0)
            {
                short code = il.ReadByte();
                if (code == 0xFE)
                {
                    code = unchecked((short)(0xFE00 | il.ReadByte()));
                }

                switch (OperandTypes[code])
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.InlineI or OperandType.InlineBrTarget or OperandType.InlineString or OperandType.ShortInlineR:
                        il.Offset += 4;
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineSwitch:
                        // Not "il.Offset += 4 * il.ReadInt32()": that reads Offset before the count moves it.
                        var targets = il.ReadInt32();
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok or OperandType.InlineSig:
                        Use(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    default:
                        throw new InvalidOperationException($"Unknown operand type of IL opcode 0x{code:X4}");
                }
            }
        }

        private void UseAttributes(CustomAttributeHandleCollection attributes)
        {
            foreach (var handle in attributes)
            {
                var attribute = Metadata.GetCustomAttribute(handle);
                Use(attribute.Constructor);
                UseTypesNamedIn(attribute.Value);
            }
        }

        /// <summary>
        /// An attribute's <c>typeof(X)</c> arguments are stored as X's name in its value blob, not as a token
        /// ("Namespace.Outer+Nested", assembly-qualified for other assemblies): the names of this assembly's types
        /// found there count as uses. Names without a namespace are left out, lest a string argument be taken for one.
        /// </summary>
        private void UseTypesNamedIn(BlobHandle value)
        {
            var text = System.Text.Encoding.Latin1.GetString(Metadata.GetBlobBytes(value));
            foreach (System.Text.RegularExpressions.Match name in TypeName().Matches(text))
            {
                var topLevel = name.Value.Split('+')[0];
                if (TypeNames.Contains(topLevel))
                {
                    _sink.Add(topLevel);
                }
            }
        }

        [System.Text.RegularExpressions.GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_`]*(\.[A-Za-z_][A-Za-z0-9_`]*)+(\+[A-Za-z_][A-Za-z0-9_`]*)*")]
        private static partial System.Text.RegularExpressions.Regex TypeName();

        private HashSet<string> TypeNames => _typeNames ??= Metadata.TypeDefinitions
            .Where(handle => !Metadata.GetTypeDefinition(handle).IsNested)
            .Select(TopLevelName)
            .Where(name => name.Contains('.', StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

        private HashSet<string>? _typeNames;

        private void UseGenericParameters(GenericParameterHandleCollection parameters)
        {
            foreach (var parameter in parameters)
            {
                foreach (var constraint in Metadata.GetGenericParameter(parameter).GetConstraints())
                {
                    Use(Metadata.GetGenericParameterConstraint(constraint).Type);
                }
            }
        }

        private void Use(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    _sink.Add(TopLevelName((TypeDefinitionHandle)handle));
                    break;
                case HandleKind.TypeSpecification:
                    Metadata.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                    break;
                case HandleKind.MemberReference:
                    var member = Metadata.GetMemberReference((MemberReferenceHandle)handle);
                    Use(member.Parent);
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        member.DecodeMethodSignature(this, null);
                    }
                    else
                    {
                        member.DecodeFieldSignature(this, null);
                    }

                    break;
                case HandleKind.MethodDefinition:
                    var method = Metadata.GetMethodDefinition((MethodDefinitionHandle)handle);
                    _sink.Add(TopLevelName(method.GetDeclaringType()));
                    break;
                case HandleKind.FieldDefinition:
                    _sink.Add(TopLevelName(Metadata.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()));
                    break;
                case HandleKind.MethodSpecification:
                    var specification = Metadata.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Use(specification.Method);
                    specification.DecodeSignature(this, null);
                    break;
                case HandleKind.StandaloneSignature:
                    var signature = Metadata.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                    if (signature.GetKind() == StandaloneSignatureKind.LocalVariables)
                    {
                        signature.DecodeLocalSignature(this, null);
                    }
                    else
                    {
                        signature.DecodeMethodSignature(this, null);
                    }

                    break;
                default:
                    // Type references (other assemblies' types), module and assembly references: not ours.
                    break;
            }
        }

        private string TopLevelName(TypeDefinitionHandle handle)
        {
            var type = Metadata.GetTypeDefinition(handle);
            while (type.IsNested)
            {
                type = Metadata.GetTypeDefinition(type.GetDeclaringType());
            }

            var name = Metadata.GetString(type.Name);
            var space = Metadata.GetString(type.Namespace);
            return space.Length == 0 ? name : space + "." + name;
        }

        public bool GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            _sink.Add(TopLevelName(handle));
            return true;
        }

        public bool GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
        {
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
            return true;
        }

        public bool GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => true;

        public bool GetArrayType(bool elementType, ArrayShape shape) => true;

        public bool GetByReferenceType(bool elementType) => true;

        public bool GetFunctionPointerType(MethodSignature<bool> signature) => true;

        public bool GetGenericInstantiation(bool genericType, ImmutableArray<bool> typeArguments) => true;

        public bool GetGenericMethodParameter(object? genericContext, int index) => true;

        public bool GetGenericTypeParameter(object? genericContext, int index) => true;

        public bool GetModifiedType(bool modifier, bool unmodifiedType, bool isRequired) => true;

        public bool GetPinnedType(bool elementType) => true;

        public bool GetPointerType(bool elementType) => true;

        public bool GetPrimitiveType(PrimitiveTypeCode typeCode) => true;

        public bool GetSZArrayType(bool elementType) => true;
    }
}
